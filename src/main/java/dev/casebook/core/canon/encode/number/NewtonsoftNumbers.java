package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Newtonsoft.Json 6.0.8 on Mono / .NET Framework: integers are a {@code long} or a {@code BigInteger},
 * written exactly; other numbers are a double written by {@code JsonConvert.ToString(double)}:
 * {@code ToString("R")}, which on these runtimes is 15 significant digits when they read back as the same
 * double and 17 otherwise ({@code 3.1415926535897931}), in the "G" layout ({@code 1E+21}, {@code 1E-05},
 * {@code 0.0001}), then {@code .0} added when there is neither point nor exponent; -0 is written 0.0.
 * .NET Core 3.0 and later print the shortest round-trip digits instead ({@code 3.141592653589793}) and
 * keep the sign of -0, so a client on .NET 5+ with Newtonsoft 13 writes other bytes for such numbers.
 */
public final class NewtonsoftNumbers implements NumberStyle {

    @Override
    public int exactIntegerDigits() {
        return Integer.MAX_VALUE;
    }

    /** double.Parse overflows past the double range: the reader refuses the number (also for a tree another parse built). */
    @Override
    public void checkParsed(JsonValue.Num number) throws LanguageFailure {
        if (!number.isIntegerLexeme() && Double.isInfinite(NumberStyle.parseDouble(number.lexeme()))) {
            throw LanguageFailure.parse("JsonReaderException: Input string '" + number.lexeme() + "' is not a valid number.");
        }
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        if (NumberStyle.appendedAsExactInteger(number, out)) {
            return;
        }
        String lexeme = number.lexeme();
        checkParsed(number); // here too: a tree another parse built never met Newtonsoft's reader
        double d = NumberStyle.parseDouble(lexeme);
        if (d == 0) {
            out.append("0.0");
            return;
        }
        String r = roundTrip(d);
        out.append(r);
        if (r.indexOf('.') < 0 && r.indexOf('E') < 0) {
            out.append(".0"); // JsonConvert's EnsureDecimalPlace
        }
    }

    /** {@code ToString("R")} before .NET Core 3.0: "G15" if it reads back as the same double, else "G17". */
    static String roundTrip(double d) {
        String g15 = general(d, 15);
        return Double.parseDouble(g15) == d ? g15 : general(d, 17);
    }

    /** .NET's "G" with a precision: fixed between 1E-05 (exclusive) and 10^precision, else d.dddE+XX; no trailing zeros. */
    static String general(double d, int precision) {
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_UP));
        String digits = rounded.unscaledValue().abs().toString().replaceFirst("0+$", "");
        int exponent = rounded.precision() - rounded.scale() - 1;
        StringBuilder s = new StringBuilder();
        if (rounded.signum() < 0) {
            s.append('-');
        }
        if (exponent > -5 && exponent < precision) {
            if (exponent < 0) {
                s.append("0.").append("0".repeat(-exponent - 1)).append(digits);
            } else if (digits.length() <= exponent + 1) {
                s.append(digits).append("0".repeat(exponent + 1 - digits.length()));
            } else {
                s.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
            }
        } else {
            s.append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            s.append('E').append(exponent < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exponent));
            s.append(e.length() < 2 ? "0" + e : e);
        }
        return s.toString();
    }
}
