package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Oj 3.14's numbers, loaded in strict mode with the default {@code bigdecimal_load: :auto} and
 * dumped in the default object mode ({@code parse.c} {@code read_num} / {@code oj_num_as_value},
 * {@code dump.c} {@code oj_dump_float}):
 * <ul>
 *   <li>an integer lexeme is an exact Integer (bignums too);</li>
 *   <li>a decimal is a BigDecimal when Oj counts more than 15 digits after its first significant one
 *       (trailing zeros count: {@code 100000000000000000.0}) or an exponent of 100000 or more, written
 *       as {@code BigDecimal#to_s} writes it ({@code 0.30000000000000004e0}, {@code 0.1e18});</li>
 *   <li>any other decimal is a Float from {@code strtod}, written {@code 0.0} for either zero,
 *       {@code %.1f} when it is whole and fits a {@code long long}, Oj's huge literal
 *       {@code 3.0e14159265358979323846} for an infinity (what object mode writes), and otherwise
 *       {@code %.15g} (16 "significant digits" is the option's name; the format keeps 15) unless that
 *       ends in {@code 0001} or {@code 9999} with 17 or more characters, where {@code Float#to_s} is
 *       used.</li>
 * </ul>
 */
public final class OjNumbers implements NumberStyle {

    /** Oj's {@code DEC_MAX}: more digits after the first significant one make a BigDecimal. */
    private static final int DEC_MAX = 15;
    /** Oj's {@code EXP_MAX}. */
    private static final long EXP_MAX = 100000;
    private static final String INFINITY = "3.0e14159265358979323846";
    private static final double TWO_TO_63 = 0x1p63;

    @Override
    public int exactIntegerDigits() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        if (NumberStyle.appendedAsExactInteger(number, out)) {
            return;
        }
        String lexeme = number.lexeme();
        if (isBig(lexeme)) {
            bigDecimalToS(lexeme, out);
            return;
        }
        dumpFloat(NumberStyle.parseDouble(lexeme), out);
    }

    /**
     * {@code read_num}'s test, with its arithmetic: {@code dec_cnt} counts the digits after the
     * first non-zero one, and the 64-bit accumulators wrap as C's do (so the fraction's divisor,
     * 10^n, never reaches INT64_MAX however long the fraction).
     */
    static boolean isBig(String lexeme) {
        int i = lexeme.charAt(0) == '-' ? 1 : 0;
        int n = lexeme.length();
        long whole = 0;
        int decCount = 0;
        for (; i < n && isDigit(lexeme.charAt(i)); i++) {
            if (whole != 0) {
                decCount++;
            }
            whole = whole * 10 + (lexeme.charAt(i) - '0');
        }
        boolean big = Long.MAX_VALUE <= whole || DEC_MAX < decCount;
        long num = 0;
        long div = 1;
        if (i < n && lexeme.charAt(i) == '.') {
            for (i++; i < n && isDigit(lexeme.charAt(i)); i++) {
                if (num != 0 || whole != 0) {
                    decCount++;
                }
                num = num * 10 + (lexeme.charAt(i) - '0');
                div *= 10;
            }
        }
        big |= Long.MAX_VALUE <= div || DEC_MAX < decCount;
        if (i < n && (lexeme.charAt(i) == 'e' || lexeme.charAt(i) == 'E')) {
            i++;
            if (i < n && (lexeme.charAt(i) == '+' || lexeme.charAt(i) == '-')) {
                i++;
            }
            long exp = 0;
            for (; i < n; i++) {
                exp = exp * 10 + (lexeme.charAt(i) - '0');
                big |= EXP_MAX <= exp;
            }
        }
        return big;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code BigDecimal#to_s}: {@code 0.<digits>e<exponent>}, trailing zeros gone; a zero keeps its sign. */
    static void bigDecimalToS(String lexeme, StringBuilder out) throws LanguageFailure {
        BigDecimal value;
        try {
            value = new BigDecimal(lexeme);
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            // Java's BigDecimal holds exponents within an int; Ruby's turns such numbers into Infinity or 0.
            throw LanguageFailure.unavailable("Casebook does not reproduce Oj's BigDecimal for an exponent this large: " + lexeme);
        }
        if (value.signum() == 0) {
            out.append(lexeme.charAt(0) == '-' ? "-0.0" : "0.0");
            return;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        long exponent = (long) digits.length() - stripped.scale();
        if (stripped.signum() < 0) {
            out.append('-');
        }
        out.append("0.").append(digits).append('e').append(exponent);
    }

    static void dumpFloat(double d, StringBuilder out) {
        if (d == 0.0) {
            out.append("0.0");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? INFINITY : "-" + INFINITY);
        } else if (isWholeLongLong(d)) {
            out.append(new BigDecimal(d).toPlainString()).append(".0"); // %.1f of a whole number
        } else {
            String g = printfG15(d);
            if (g.length() >= 17 && (g.endsWith("0001") || g.endsWith("9999"))) {
                RubyNumbers.toS(ShortestDecimal.of(d), out); // Float#to_s
            } else {
                out.append(g);
            }
        }
    }

    /**
     * {@code d == (double)(long long)d} as x86-64 computes it: a conversion out of range gives
     * INT64_MIN, so of the values beyond ±2^63 only -2^63 itself counts as whole.
     */
    private static boolean isWholeLongLong(double d) {
        if (d >= -TWO_TO_63 && d < TWO_TO_63) {
            return d == (double) (long) d;
        }
        return false;
    }

    /** C's {@code printf("%.15g", d)} for a finite non-zero double: glibc rounds the exact binary value, ties to even. */
    static String printfG15(double d) {
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(15, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1; // of the first significant digit
        String digits = rounded.unscaledValue().abs().toString();
        digits = (digits + "000000000000000").substring(0, 15);
        StringBuilder s = new StringBuilder();
        if (rounded.signum() < 0) {
            s.append('-');
        }
        if (exponent < -4 || exponent >= 15) {
            s.append(digits.charAt(0));
            String fraction = stripZeros(digits.substring(1));
            if (!fraction.isEmpty()) {
                s.append('.').append(fraction);
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exponent));
            s.append(e.length() < 2 ? "0" + e : e);
        } else if (exponent >= 0) {
            s.append(digits, 0, exponent + 1);
            String fraction = stripZeros(digits.substring(exponent + 1));
            if (!fraction.isEmpty()) {
                s.append('.').append(fraction);
            }
        } else {
            s.append("0.").append("0".repeat(-exponent - 1)).append(stripZeros(digits));
        }
        return s.toString();
    }

    private static String stripZeros(String fraction) {
        int end = fraction.length();
        while (end > 0 && fraction.charAt(end - 1) == '0') {
            end--;
        }
        return fraction.substring(0, end);
    }
}
