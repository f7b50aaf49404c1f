package dev.casebook.core.canon.encode.number;

import com.fasterxml.jackson.core.io.NumberInput;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;
import java.nio.charset.StandardCharsets;

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
     * Whether the language's object takes the number as a member's value, where its parser puts
     * it into one (Android's {@code JSONObject.put} refuses a non-finite number that its arrays
     * take): checked by the encoder too, so that a body encoded from a tree another parse built
     * fails at the same stage.
     *
     * @throws LanguageFailure at the PARSE stage when it does not
     */
    default void checkMemberValue(JsonValue.Num number) throws LanguageFailure {
    }

    /** Whether {@link #checkMemberValue} refuses anything, so that the encoder need not look otherwise. */
    default boolean checksMemberValues() {
        return false;
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

    /**
     * Whether this style writes the number lexeme {@code text[from..to)} exactly as it stands, so
     * that a writer may copy it without asking: an integer other than {@code -0} of at most
     * {@link #exactIntegerDigits} digits, and for most styles a plain decimal that is already its
     * double's shortest form ({@link #isShortestPlainDecimal}, when {@link #printsPlainDecimalsAsWritten}).
     */
    default boolean writesAsItStands(byte[] text, int from, int to) {
        return isCopiableInteger(text, from, to, exactIntegerDigits()) || (printsPlainDecimalsAsWritten() && isShortestPlainDecimal(text, from, to));
    }

    /**
     * The most digits an integer lexeme may have for this style to print it as written: 15 where
     * every number is read as a double (any such integer is exact as one, and printed by its
     * shortest digits), more where the language reads integers as integers.
     */
    default int exactIntegerDigits() {
        return 15;
    }

    /**
     * Whether the style prints each {@link #isShortestPlainDecimal plain decimal} as it is written: true for
     * those that print the shortest digits positionally at least from 0.001 up to 10^7.
     */
    default boolean printsPlainDecimalsAsWritten() {
        return false;
    }

    /** An integer of at most {@code maxDigits} digits other than {@code -0}. */
    static boolean isCopiableInteger(byte[] text, int from, int to, int maxDigits) {
        int start = text[from] == '-' ? from + 1 : from;
        int digits = to - start;
        if (digits > maxDigits || (start > from && digits == 1 && text[start] == '0')) {
            return false;
        }
        for (int i = start; i < to; i++) {
            if (text[i] < '0' || text[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A decimal with a point and no exponent, its last digit not zero, at least 0.001 and below 10^7
     * in magnitude ({@code 9.99}, {@code -0.25}, {@code 16.990000000000002}), whose digits are its
     * double's shortest digits, so that a style printing those positionally writes it unchanged.
     * With at most 15 significant digits that holds of every such lexeme (DBL_DIG = 15: no two share
     * a double); with 16 or 17, the common output of other encoders, converting tells.
     */
    static boolean isShortestPlainDecimal(byte[] text, int from, int to) {
        int i = text[from] == '-' ? from + 1 : from;
        int intStart = i;
        while (i < to && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || intDigits > 7 || i == to || text[i] != '.' || (intDigits > 1 && text[intStart] == '0')) {
            return false;
        }
        int fractionStart = ++i;
        while (i < to && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        if (i != to || i == fractionStart || text[to - 1] == '0') {
            return false;
        }
        int significant = intDigits + to - fractionStart;
        if (intDigits == 1 && text[intStart] == '0') {
            int leadingZeros = 0;
            while (text[fractionStart + leadingZeros] == '0') {
                leadingZeros++;
            }
            if (leadingZeros > 2) {
                return false;
            }
            significant = to - fractionStart - leadingZeros;
        }
        if (significant <= 15) {
            return true;
        }
        if (significant > 17) {
            return false;
        }
        long digits = 0;
        for (int k = intStart; k < to; k++) {
            if (text[k] != '.') {
                digits = 10 * digits + text[k] - '0';
            }
        }
        Schubfach shortest = new Schubfach();
        shortest.convert(parseDouble(new String(text, from, to - from, StandardCharsets.ISO_8859_1)));
        return shortest.digits == digits && shortest.exponent == fractionStart - to;
    }

    /**
     * For a language that reads integer lexemes as exact integers (bignums too): appends such a lexeme as it is
     * ({@code -0} as {@code 0}) and says so; false for any other lexeme, which is the caller's to write.
     */
    static boolean appendedAsExactInteger(JsonValue.Num number, StringBuilder out) {
        if (!number.isIntegerLexeme()) {
            return false;
        }
        out.append(exactInteger(number.lexeme()));
        return true;
    }

    /** An integer lexeme with {@code -0} read as {@code 0}, as every language with integers does. */
    static String exactInteger(String lexeme) {
        return lexeme.equals("-0") ? "0" : lexeme;
    }
}
