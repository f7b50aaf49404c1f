package dev.casebook.core.canon.encode.number;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * How one language turns a number lexeme into the text its encoder writes: first as its parser
 * would read it (int, int64, bignum, double), then as its encoder prints that value.
 */
public interface NumberStyle {

    /**
     * Appends the encoded number to {@code out}.
     *
     * @throws LanguageFailure when the language's parser or encoder refuses the number (Go and
     *                         {@code 1e400}, PHP and infinity, Python and a 5000-digit integer)
     */
    void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure;

    /**
     * Whether the language's parser accepts the number at all. The parser sees every number,
     * including one whose member a later duplicate key discards, so this runs on those too.
     *
     * @throws LanguageFailure at the PARSE stage when it does not
     */
    default void checkParsed(JsonValue.Num number) throws LanguageFailure {
    }

    /**
     * The double a lexeme denotes, with the non-finite literals some parsers accept. Converted by
     * jackson-core's copy of FastDoubleParser, which gives the same correctly rounded double as
     * {@code Double.parseDouble} several times faster: JDK 17's falls back to big-integer arithmetic
     * for lexemes of 16 or 17 digits, the very ones that JavaScript and Python print for most floats.
     */
    static double parseDouble(String lexeme) {
        char first = lexeme.charAt(0);
        if (first == 'N' || first == 'I' || (first == '-' && lexeme.length() > 1 && lexeme.charAt(1) == 'I')) {
            return switch (lexeme) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(lexeme);
            };
        }
        return NumberInput.parseDouble(lexeme, true);
    }

    /**
     * Whether the lexeme is an integer of at most 15 digits: such a value is exact as a double and
     * every shortest-digit formatter prints its digits unchanged, so languages that read every
     * number as a double can skip the conversion.
     */
    static boolean isSmallInteger(JsonValue.Num number) {
        String s = number.lexeme();
        int digits = s.length() - (s.charAt(0) == '-' ? 1 : 0);
        return digits <= 15 && number.isIntegerLexeme();
    }

    /** An integer lexeme with {@code -0} read as {@code 0}, as every language with integers does. */
    static String exactInteger(String lexeme) {
        return lexeme.equals("-0") ? "0" : lexeme;
    }
}
