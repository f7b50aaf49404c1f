package dev.casebook.core.canon.json;

/** How a language's decoder treats bytes that are not well-formed UTF-8. */
public enum Utf8Policy {
    /** Reject any ill-formed sequence (PHP, Ruby's parser is lenient but its generator is not: see RUBY_DEFERRED). */
    STRICT,
    /** Python's {@code surrogatepass}: well-formed UTF-8 plus encoded surrogates (CESU-8 halves). */
    SURROGATE_PASS,
    /** WHATWG / TextDecoder: each maximal ill-formed subpart becomes one U+FFFD (Node, browsers). */
    REPLACE_MAXIMAL_SUBPART,
    /** Go's {@code utf8.DecodeRune}: each byte that does not start a valid sequence becomes one U+FFFD. */
    REPLACE_PER_BYTE,
    /** Jackson's UTF-8 reader: strict, except that a 2-byte overlong form decodes to its code point. */
    ACCEPT_OVERLONG_TWO_BYTE,
    /**
     * Ruby: the parser keeps ill-formed bytes and the generator later refuses them. The tree marks
     * such strings so that the encoder can fail the way {@code JSON.generate} does.
     */
    DEFER_TO_ENCODER
}
