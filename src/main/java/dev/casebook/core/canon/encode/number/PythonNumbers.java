package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * Python's {@code json}: integer lexemes are exact ints (refused past 4300 digits, CPython's
 * {@code int_max_str_digits}), anything with a fraction or exponent is a float printed with
 * {@code float.__repr__}: shortest digits, positional for {@code 1e-4 <= |x| < 1e16} with a
 * {@code .0} kept, otherwise {@code 1e+16} / {@code 1e-05} (two exponent digits at least).
 * {@code NaN}, {@code Infinity}, {@code -Infinity} are written bare, as {@code allow_nan} does.
 */
public final class PythonNumbers implements NumberStyle {

    static final int MAX_INT_DIGITS = 4300;

    @Override
    public void checkParsed(JsonValue.Num number) throws LanguageFailure {
        String lexeme = number.lexeme();
        if (number.isIntegerLexeme()) {
            int digits = lexeme.length() - (lexeme.startsWith("-") ? 1 : 0);
            if (digits > MAX_INT_DIGITS) {
                throw LanguageFailure.parse("ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has "
                        + digits + " digits");
            }
        }
    }

    /** Python ints are exact; past {@value #MAX_INT_DIGITS} digits CPython refuses the body ({@link #checkParsed}). */
    @Override
    public int exactIntegerDigits() {
        return MAX_INT_DIGITS;
    }

    @Override
    public boolean printsPlainDecimalsAsWritten() {
        return true;
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        String lexeme = number.lexeme();
        if (number.isIntegerLexeme()) {
            checkParsed(number);
            out.append(NumberStyle.exactInteger(lexeme));
            return;
        }
        ShortestDecimal plain = ShortestDecimal.ofLexeme(lexeme);
        if (plain != null) {
            repr(plain, out);
            return;
        }
        double v = NumberStyle.parseDouble(lexeme);
        if (Double.isNaN(v)) {
            out.append("NaN");
        } else if (Double.isInfinite(v)) {
            out.append(v > 0 ? "Infinity" : "-Infinity");
        } else {
            repr(ShortestDecimal.of(v), out); // the lexeme alone did not give the digits (above)
        }
    }

    public static void repr(ShortestDecimal d, StringBuilder out) {
        if (d.negative()) {
            out.append('-');
        }
        int n = d.pointPosition();
        if (d.isZero() || (n > -4 && n <= 16)) {
            d.appendPositional(out, true);
        } else {
            d.appendScientific(out, false, "e", true, 2);
        }
    }
}
