package dev.casebook.core.canon.diagnose;

/** Why two canonical strings part: one class per way real encoders are known to disagree. */
public enum Cause {
    SEPARATOR_WHITESPACE("separator-whitespace"),
    INDENTATION("indentation"),
    KEY_ORDER("key-order"),
    NON_ASCII_ESCAPING("non-ascii-escaping"),
    ESCAPE_HEX_CASE("escape-hex-case"),
    SLASH_ESCAPING("slash-escaping"),
    HTML_ESCAPING("html-escaping"),
    LINE_SEPARATOR_ESCAPING("line-separator-escaping"),
    CONTROL_CHARACTER_ESCAPING("control-character-escaping"),
    NUMBER_LAYOUT("number-layout"),
    BIG_INTEGER_ROUNDED("big-integer-rounded"),
    NEGATIVE_ZERO("negative-zero"),
    NON_FINITE_NUMBER("non-finite-number"),
    TRAILING_NEWLINE("trailing-newline"),
    BYTE_ORDER_MARK("byte-order-mark"),
    QUERY_SPACE_ENCODING("query-space-encoding"),
    QUERY_RESERVED_CHARACTER("query-reserved-character"),
    QUERY_ENCODING("query-encoding"),
    OTHER("other");

    private final String id;

    Cause(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
