package dev.casebook.core.canon.json;

/**
 * What one language's JSON parser accepts beyond (or short of) RFC 8259. The defaults are strict
 * RFC 8259; each language's rules live with its profile.
 *
 * @param utf8               how ill-formed UTF-8 is treated
 * @param bom                whether a leading UTF-8 byte order mark is skipped (else it is an error)
 * @param trailingContent    whether anything after the first complete value is ignored (Jackson)
 * @param nonFiniteLiterals  whether {@code NaN}, {@code Infinity}, {@code -Infinity} are numbers (Python)
 * @param comments           whether {@code /* *&#47;} and {@code //} comments are whitespace (Ruby)
 * @param lenientEscapes     whether an unknown escape {@code \x} stands for {@code x} (Ruby)
 * @param loneSurrogateEscapes how {@code \}{@code uD800} not part of a pair is treated
 * @param loneSurrogateKeys  whether a lone surrogate escape in a property name is an error (Jackson)
 * @param emptyIsNull        whether an empty or blank document reads as {@code null} (Jackson)
 * @param maxDepth           the deepest nesting of arrays and objects the language accepts
 * @param maxNumberLength    the longest number lexeme the language accepts, or 0 for no limit
 */
public record ParseRules(
        Utf8Policy utf8,
        boolean bom,
        boolean trailingContent,
        boolean nonFiniteLiterals,
        boolean comments,
        boolean lenientEscapes,
        SurrogateEscapes loneSurrogateEscapes,
        boolean loneSurrogateKeysRejected,
        boolean emptyIsNull,
        int maxDepth,
        int maxNumberLength) {

    /** How a lone surrogate written as an escape is treated by a language's parser. */
    public enum SurrogateEscapes {
        /** Kept as the code unit (Python, JavaScript, Java). */
        KEEP,
        /** Replaced by U+FFFD (Go). */
        REPLACE,
        /** A parse error (PHP). */
        REJECT,
        /**
         * Ruby's json 2.6: a high surrogate escape combines with whatever {@code \}{@code u} escape
         * follows it (by bit arithmetic, paired or not), becomes {@code ?} when something else
         * follows, and is an error ("incomplete surrogate pair") when fewer than six bytes of the
         * string remain; a lone low surrogate is kept (and later refused by the generator).
         */
        RUBY
    }

    /** Strict RFC 8259 with the service's own nesting limit: how Casebook reads its own requests. */
    public static ParseRules strict(int maxDepth) {
        return new ParseRules(Utf8Policy.STRICT, false, false, false, false, false,
                SurrogateEscapes.KEEP, false, false, maxDepth, 0);
    }

    public ParseRules withMaxDepth(int depth) {
        return new ParseRules(utf8, bom, trailingContent, nonFiniteLiterals, comments, lenientEscapes,
                loneSurrogateEscapes, loneSurrogateKeysRejected, emptyIsNull, depth, maxNumberLength);
    }
}
