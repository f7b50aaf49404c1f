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
 * @param grammar            whose grammar reads the text: RFC 8259 with the deviations above, or a
 *                           Java library's own lenient reader (whose rules are its code, not flags)
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
        int maxNumberLength,
        Grammar grammar) {

    /** An RFC 8259 reader with the deviations the flags name. */
    public ParseRules(Utf8Policy utf8, boolean bom, boolean trailingContent, boolean nonFiniteLiterals, boolean comments,
                      boolean lenientEscapes, SurrogateEscapes loneSurrogateEscapes, boolean loneSurrogateKeysRejected,
                      boolean emptyIsNull, int maxDepth, int maxNumberLength) {
        this(utf8, bom, trailingContent, nonFiniteLiterals, comments, lenientEscapes, loneSurrogateEscapes,
                loneSurrogateKeysRejected, emptyIsNull, maxDepth, maxNumberLength, Grammar.RFC8259);
    }

    /**
     * Which reader turns the text into a tree. The Java libraries' readers are lenient in ways
     * that are not deviations from one grammar but grammars of their own (unquoted words become
     * strings, a missing array element becomes null), so each is reproduced as a reader of its own
     * over the text as Java decodes it ({@code new String(bytes, UTF_8)}); for them only
     * {@code maxDepth} of the flags applies.
     */
    public enum Grammar {
        RFC8259,
        /** Gson's {@code JsonReader} in its lenient mode, as {@code JsonParser.parseString} and {@code Gson.fromJson} use it. */
        GSON_LENIENT,
        /** org.json's {@code JSONTokener} (not strict mode), behind {@code new JSONObject(text)} / {@code new JSONArray(text)}. */
        ORG_JSON,
        /** Android's {@code org.json.JSONTokener}, behind the same constructors on Android. */
        ANDROID_ORG_JSON,
        /** Oj's parser in strict mode ({@code Oj.load(text, mode: :strict)}), over the bytes: see {@code OjReader}. */
        OJ_STRICT,
        /** Newtonsoft.Json 6.0.8's {@code JsonTextReader} behind {@code JToken.Parse}: see {@code NewtonsoftReader}. */
        NEWTONSOFT
    }

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
         * string remain; a lone low surrogate is kept (and later refused by the generator). The
         * {@code ?} steps over the next byte, and the unescaping after it can pair backslashes
         * differently from the scanner that found the string's end (see {@code JsonParser}).
         */
        RUBY
    }

    /**
     * Whether the reader changes values as it reads them, beyond what any strict parse would build: Newtonsoft
     * rewrites strings that look like dates and Mono wraps some long integers. Such a language never takes a tree
     * another parse built (the portable shortcut): its own reader must see the text.
     */
    public boolean rewritesValues() {
        return grammar == Grammar.NEWTONSOFT;
    }

    /** Strict RFC 8259 with the service's own nesting limit: how Casebook reads its own requests. */
    public static ParseRules strict(int maxDepth) {
        return new ParseRules(Utf8Policy.STRICT, false, false, false, false, false,
                SurrogateEscapes.KEEP, false, false, maxDepth, 0);
    }

    /** A Java library's own reader ({@link Grammar}), which nests at most {@code maxDepth} levels. */
    public static ParseRules javaLibrary(Grammar grammar, int maxDepth) {
        return new ParseRules(Utf8Policy.REPLACE_MAXIMAL_SUBPART, false, false, false, false, false,
                SurrogateEscapes.KEEP, false, false, maxDepth, 0, grammar);
    }

    public ParseRules withMaxDepth(int depth) {
        return new ParseRules(utf8, bom, trailingContent, nonFiniteLiterals, comments, lenientEscapes,
                loneSurrogateEscapes, loneSurrogateKeysRejected, emptyIsNull, depth, maxNumberLength, grammar);
    }
}
