package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * serde_json's {@code Value} numbers: an integer lexeme is a u64 when it is not negative and fits,
 * an i64 when it is negative and fits ({@code -0} excepted: that is the float -0.0), else an f64;
 * anything with a fraction or an exponent is an f64, computed as serde_json computes it (not
 * always the nearest double: see {@link #read}), and one past the f64 range is a parse error
 * ("number out of range"). Floats are written by ryu, shortest digits: positional with {@code .0}
 * when the decimal point sits within 16 places ({@code 1000000000000000.0}, {@code 0.00001}),
 * else {@code 1e16}, {@code 1.5e-7}: no {@code +}, no padding.
 */
public final class RustNumbers implements NumberStyle {

    @Override
    public void checkParsed(JsonValue.Num number) throws LanguageFailure {
        read(number.lexeme());
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        String lexeme = number.lexeme();
        Object value = read(lexeme);
        if (value instanceof String exact) {
            out.append(exact);
            return;
        }
        double v = (Double) value;
        ShortestDecimal d = ShortestDecimal.of(v);
        if (d.negative()) {
            out.append('-');
        }
        if (d.isZero()) {
            out.append("0.0");
            return;
        }
        int kk = d.pointPosition();
        int length = d.digits().length();
        if (kk <= 16 && kk > -5) {
            d.appendPositional(out, true);
        } else {
            out.append(d.digits().charAt(0));
            if (length > 1) {
                out.append('.').append(d.digits(), 1, length);
            }
            out.append('e').append(kk - 1);
        }
    }

    private static final long U64_MAX = -1L;
    private static final double[] POW10 = new double[309];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
    }

    /**
     * serde_json's number parser (1.0.87, without the float_roundtrip feature), step by step: the
     * exact integer as a String (a u64, or a negative i64), or the f64 it computes. Its floats are
     * not always the correctly rounded ones: the significand keeps the first digits that fit a u64
     * and drops the rest, then one multiplication or division by a power of ten rounds again.
     */
    static Object read(String lexeme) throws LanguageFailure {
        boolean positive = lexeme.charAt(0) != '-';
        int i = positive ? 0 : 1;
        int n = lexeme.length();
        long significand = 0;
        int exponent = 0;
        boolean overflowed = false;
        for (; i < n && isDigit(lexeme.charAt(i)); i++) {
            int digit = lexeme.charAt(i) - '0';
            if (overflowed || overflows(significand, digit)) {
                overflowed = true;
                exponent++; // parse_long_integer: a digit past a u64 only scales
            } else {
                significand = significand * 10 + digit;
            }
        }
        if (i == n && !overflowed) {
            if (positive) {
                return Long.toUnsignedString(significand);
            }
            long neg = -significand;
            return neg >= 0 ? (Object) (-toDouble(significand)) : Long.toString(neg); // -0 and below i64::MIN are floats
        }
        if (i < n && lexeme.charAt(i) == '.') {
            for (i++; i < n && isDigit(lexeme.charAt(i)); i++) {
                int digit = lexeme.charAt(i) - '0';
                if (overflowed || overflows(significand, digit)) {
                    overflowed = true; // parse_decimal_overflow: further digits are ignored
                } else {
                    significand = significand * 10 + digit;
                    exponent--;
                }
            }
        }
        if (i < n) { // the exponent
            i++;
            boolean positiveExp = true;
            if (lexeme.charAt(i) == '+' || lexeme.charAt(i) == '-') {
                positiveExp = lexeme.charAt(i) == '+';
                i++;
            }
            int exp = 0;
            for (; i < n; i++) {
                int digit = lexeme.charAt(i) - '0';
                if (exp >= Integer.MAX_VALUE / 10 && (exp > Integer.MAX_VALUE / 10 || digit > Integer.MAX_VALUE % 10)) {
                    if (significand != 0 && positiveExp) {
                        throw LanguageFailure.parse("number out of range");
                    }
                    return positive ? 0.0 : -0.0;
                }
                exp = exp * 10 + digit;
            }
            long total = positiveExp ? (long) exponent + exp : (long) exponent - exp;
            exponent = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, total));
        }
        return fromParts(positive, significand, exponent);
    }

    private static double fromParts(boolean positive, long significand, int exponent) throws LanguageFailure {
        double f = toDouble(significand);
        while (true) {
            int index = Math.abs(exponent);
            if (exponent != Integer.MIN_VALUE && index < POW10.length) {
                if (exponent >= 0) {
                    f *= POW10[index];
                    if (Double.isInfinite(f)) {
                        throw LanguageFailure.parse("number out of range");
                    }
                } else {
                    f /= POW10[index];
                }
                break;
            }
            if (f == 0.0) {
                break;
            }
            if (exponent >= 0) {
                throw LanguageFailure.parse("number out of range");
            }
            f /= 1e308;
            exponent += 308;
        }
        return positive ? f : -f;
    }

    /** {@code significand * 10 + digit} past u64::MAX. */
    private static boolean overflows(long significand, int digit) {
        long tenth = Long.divideUnsigned(U64_MAX, 10);
        return Long.compareUnsigned(significand, tenth) >= 0
                && (Long.compareUnsigned(significand, tenth) > 0 || digit > Long.remainderUnsigned(U64_MAX, 10));
    }

    /** Rust's {@code u64 as f64}: the unsigned value, rounded to nearest. */
    private static double toDouble(long u) {
        return u >= 0 ? (double) u : ((double) (u >>> 1 | (u & 1))) * 2.0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Every integer of up to 18 digits is exact; some of 19 and 20 are. */
    @Override
    public int exactIntegerDigits() {
        return 18;
    }
}
