package dev.casebook.core.canon.json;

import java.util.function.Predicate;

/**
 * Steps of the lenient syntax that Gson, org.json, Android's org.json and Newtonsoft read alike, in
 * one place so that a correction reaches every reader that shares the step. The readers are ports,
 * byte-exact with their libraries, and differ in details that look alike (which escapes a library
 * takes, how it reads {@code \}{@code u}, what ends a word, how it words an error): each passes its
 * own in, or keeps that step to itself.
 */
final class LenientSyntax {

    private LenientSyntax() {
    }

    /** The escapes past the control letters, where the libraries part ways; called after the letter. */
    interface Escape {
        void read(char letter, StringBuilder into) throws JsonSyntaxException;
    }

    /**
     * A string from after its opening quote up to the same quote, raw control characters kept (no
     * library here refuses them). The messages are passed in because each library words the end of
     * the text inside a string, and right after a backslash, its own way.
     */
    static String quoted(JavaTextReader r, char quote, Escape escape, String unterminated, String unterminatedEscape)
            throws JsonSyntaxException {
        StringBuilder b = new StringBuilder();
        while (r.pos < r.length) {
            char c = r.text.charAt(r.pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (r.pos == r.length) {
                throw r.error(unterminatedEscape);
            }
            char letter = r.text.charAt(r.pos++);
            switch (letter) {
                case 'b', 't', 'n', 'f', 'r' -> b.append(control(letter));
                default -> escape.read(letter, b);
            }
        }
        throw r.error(unterminated);
    }

    /** {@code \b \t \n \f \r}: the one part of escaping that every library reads alike. */
    static char control(char letter) {
        return switch (letter) {
            case 'b' -> '\b';
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'f' -> '\f';
            case 'r' -> '\r';
            default -> throw new IllegalArgumentException("not a control escape: " + letter);
        };
    }

    /**
     * Whether {@code c}, read after a member or an element, closes the object or array ({@code closer});
     * false at a separator, for which Gson and Android's tokener both take {@code ;} as well as {@code ,}.
     */
    static boolean closes(JavaTextReader r, int c, char closer, String unterminated) throws JsonSyntaxException {
        if (c == closer) {
            return true;
        }
        if (c != ',' && c != ';') {
            throw r.error(unterminated);
        }
        return false;
    }

    /**
     * An unquoted word as both org.json tokeners type it: {@code true}, {@code false} or {@code null} in any
     * letter case, else a number, else a string. Which words are numbers is passed in: the two read numbers
     * differently (hex and octal on Android, BigDecimal's forms in org.json).
     */
    static JsonValue word(String word, Predicate<String> readsAsNumber) {
        if (word.equalsIgnoreCase("true")) {
            return JsonValue.Bool.TRUE;
        }
        if (word.equalsIgnoreCase("false")) {
            return JsonValue.Bool.FALSE;
        }
        if (word.equalsIgnoreCase("null")) {
            return JsonValue.Null.NULL;
        }
        return readsAsNumber.test(word) ? new JsonValue.Num(word) : new JsonValue.Str(word, false);
    }
}
