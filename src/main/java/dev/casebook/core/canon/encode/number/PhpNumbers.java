package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;
import java.math.BigInteger;

/**
 * PHP's {@code json_decode}/{@code json_encode} with {@code serialize_precision = -1}: integer
 * lexemes within int64 stay exact, larger ones become floats; floats print through
 * {@code php_gcvt} with 17 significant digits of room: positional unless the decimal point sits
 * more than 17 places right or more than 3 zeros left ({@code 1.0e+17}, {@code 1.0e-5}), no
 * {@code .0} on integral floats, {@code -0} for negative zero. Infinities are an encode error.
 */
public final class PhpNumbers implements NumberStyle {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Every integer of up to 18 digits is an exact int64; some of 19 are, and all longer are floats. */
    private final boolean preserveZeroFraction;

    /** {@code json_encode}'s default: an integral float loses its point ({@code 1.0} is {@code 1}). */
    public PhpNumbers() {
        this(false);
    }

    /** With {@code JSON_PRESERVE_ZERO_FRACTION}, an integral float written positionally keeps {@code .0} ({@code 1.0}, {@code -0.0}). */
    public PhpNumbers(boolean preserveZeroFraction) {
        this.preserveZeroFraction = preserveZeroFraction;
    }

    @Override
    public int exactIntegerDigits() {
        return 18;
    }

    @Override
    public boolean printsPlainDecimalsAsWritten() {
        return true;
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        String lexeme = number.lexeme();
        if (number.isIntegerLexeme() && fitsLong(lexeme)) {
            out.append(NumberStyle.exactInteger(lexeme));
            return;
        }
        double v = NumberStyle.parseDouble(lexeme);
        if (!Double.isFinite(v)) {
            throw LanguageFailure.encode("Inf and NaN cannot be JSON encoded");
        }
        gcvt(ShortestDecimal.of(lexeme, v), preserveZeroFraction, out);
    }

    private static boolean fitsLong(String lexeme) {
        int digits = lexeme.length() - (lexeme.startsWith("-") ? 1 : 0);
        if (digits < 19) {
            return true;
        }
        if (digits > 19) {
            return false;
        }
        BigInteger b = new BigInteger(lexeme);
        return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0;
    }

    static void gcvt(ShortestDecimal d, boolean zeroFraction, StringBuilder out) {
        if (d.negative()) {
            out.append('-');
        }
        int n = d.pointPosition();
        if (d.isZero()) {
            out.append(zeroFraction ? "0.0" : "0");
        } else if (n < 0 ? n < -3 : n > 17) {
            d.appendScientific(out, true, "e", true, 1);
        } else {
            d.appendPositional(out, zeroFraction);
        }
    }
}
