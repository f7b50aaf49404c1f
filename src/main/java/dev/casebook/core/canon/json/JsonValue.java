package dev.casebook.core.canon.json;

import java.util.List;

/**
 * A JSON value exactly as it was written: number lexemes untouched, object members in source
 * order with duplicates kept, strings as UTF-16 code units (so lone surrogates survive).
 *
 * <p>Each encoder profile reads this tree the way its language would have parsed the text; the
 * tree itself never decides what a number "is" or which duplicate wins.
 */
public sealed interface JsonValue {

    /**
     * An object; {@code members} keeps source order and duplicate keys. Immutable: the list is
     * copied unless it already is an unmodifiable {@code List.of}/{@code List.copyOf} list.
     */
    record Obj(List<Member> members) implements JsonValue {
        public Obj {
            members = List.copyOf(members);
        }
    }

    /** One {@code "key": value} pair of an object. */
    record Member(Str key, JsonValue value) {
    }

    /** An array. Immutable, as {@link Obj}'s members are. */
    record Arr(List<JsonValue> elements) implements JsonValue {
        public Arr {
            elements = List.copyOf(elements);
        }
    }

    /**
     * A string as UTF-16 code units. {@code irregularSource} is true when its source bytes were not
     * well-formed UTF-8 but the language's parser took them anyway: encoded surrogates under
     * Python's {@code surrogatepass} (kept as separate code points even when they form a pair), or
     * ill-formed bytes that Ruby's parser keeps and its generator later refuses.
     */
    record Str(String value, boolean irregularSource) implements JsonValue {
    }

    /**
     * A number as its source lexeme: {@code -0}, {@code 12.50}, {@code 1E+2} stay as written. The
     * non-standard literals {@code NaN}, {@code Infinity} and {@code -Infinity} appear only when the
     * parse rules allowed them (Python).
     */
    record Num(String lexeme) implements JsonValue {
        /** True for a lexeme with neither fraction nor exponent: an integer in every language that has them. */
        public boolean isIntegerLexeme() {
            for (int i = 0; i < lexeme.length(); i++) {
                char c = lexeme.charAt(i);
                if (c == '.' || c == 'e' || c == 'E' || c == 'N' || c == 'I') {
                    return false;
                }
            }
            return true;
        }
    }

    enum Bool implements JsonValue {
        TRUE, FALSE
    }

    enum Null implements JsonValue {
        NULL
    }
}
