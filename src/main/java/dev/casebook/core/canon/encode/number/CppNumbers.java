package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * nlohmann::json's numbers: an integer lexeme is an int64 when negative and a uint64 otherwise,
 * while it fits ({@code -0} is the integer 0), else a double by {@code strtod}, as is anything with
 * a fraction or an exponent; a double past the range is a parse error ("number overflow"). Doubles
 * are written by its {@code to_chars}: Grisu2's digits (usually, not always, the shortest: see
 * {@link Grisu2}), positional with {@code .0} while the
 * point sits within 15 places ({@code 100000000000000.0}, {@code 0.0001}), else {@code 1e+15},
 * {@code 1e-05}: a sign and at least two exponent digits.
 */
public final class CppNumbers implements NumberStyle {

    @Override
    public void checkParsed(JsonValue.Num number) throws LanguageFailure {
        if (!isExactInteger(number) && !Double.isFinite(NumberStyle.parseDouble(number.lexeme()))) {
            throw LanguageFailure.parse("number overflow parsing '" + number.lexeme() + "'");
        }
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        String lexeme = number.lexeme();
        if (isExactInteger(number)) {
            out.append(NumberStyle.exactInteger(lexeme));
            return;
        }
        double v = NumberStyle.parseDouble(lexeme);
        if (!Double.isFinite(v)) {
            throw LanguageFailure.parse("number overflow parsing '" + lexeme + "'");
        }
        if (Double.doubleToRawLongBits(v) < 0) {
            out.append('-'); // the sign bit: -0.0 too
        }
        if (v == 0) {
            out.append("0.0");
            return;
        }
        ShortestDecimal d = Grisu2.digits(Math.abs(v));
        int n = d.pointPosition();
        if (n <= 15 && n > -4) {
            d.appendPositional(out, true);
        } else {
            d.appendScientific(out, false, "e", true, 2);
        }
    }

    /** An int64 (negative) or uint64 (otherwise) that the lexeme's integer fits. */
    private static boolean isExactInteger(JsonValue.Num number) {
        String lexeme = number.lexeme();
        if (!number.isIntegerLexeme()) {
            return false;
        }
        boolean negative = lexeme.charAt(0) == '-';
        int digits = lexeme.length() - (negative ? 1 : 0);
        if (digits < 19) {
            return true;
        }
        if (digits > 20) {
            return false;
        }
        java.math.BigInteger b = new java.math.BigInteger(lexeme);
        return negative ? b.bitLength() <= 63 || b.equals(java.math.BigInteger.valueOf(Long.MIN_VALUE))
                : b.bitLength() <= 64;
    }

    @Override
    public int exactIntegerDigits() {
        return 18;
    }
}
