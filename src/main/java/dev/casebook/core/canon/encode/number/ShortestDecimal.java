package dev.casebook.core.canon.encode.number;

/**
 * The shortest decimal that rounds back to a double: {@code value = 0.DIGITS x 10^pointPosition}.
 * Every language Casebook models prints this same digit string (Python repr, ECMAScript
 * Number::toString, Go, PHP with serialize_precision -1, Ruby, JDK 19+); they differ only in
 * layout, which the per-language formatters decide.
 *
 * <p>The digits come from {@link Schubfach} (the algorithm JDK 19+ uses for {@code Double.toString});
 * JDK 17's own {@code Double.toString} is not always shortest.
 *
 * @param negative      sign bit (so {@code -0.0} is negative)
 * @param digits        significant digits, no leading or trailing zeros; {@code "0"} for zero
 * @param pointPosition where the decimal point sits relative to the first digit
 */
public record ShortestDecimal(boolean negative, String digits, int pointPosition) {

    /**
     * The shortest digits of the double a lexeme denotes, read straight from the lexeme when it
     * has at most 15 significant digits and a modest exponent: any such decimal survives the trip
     * through a double unchanged (DBL_DIG = 15), so no two of them share a double and the shortest
     * representation is the lexeme's own digits. Otherwise, or for zero, it goes through the double.
     */
    public static ShortestDecimal of(String lexeme, double value) {
        ShortestDecimal fromLexeme = ofLexeme(lexeme);
        return fromLexeme != null ? fromLexeme : of(value);
    }

    /**
     * The same read from the lexeme alone, when that is possible (see {@link #of(String, double)}), else
     * null. Non-null means a finite non-zero value: a caller may then skip converting the lexeme to a
     * double at all, which is most of the cost of writing a float.
     */
    public static ShortestDecimal ofLexeme(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = n > 0 && s.charAt(0) == '-';
        if (negative) {
            i++;
        }
        char[] digits = new char[17];
        int count = 0;
        int pointPosition = 0;
        boolean seenPoint = false;
        boolean leading = true;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                seenPoint = true;
            } else if (c >= '0' && c <= '9') {
                if (leading && c == '0') {
                    if (seenPoint) {
                        pointPosition--;
                    }
                    continue;
                }
                leading = false;
                if (count == 16) {
                    return null;
                }
                digits[count++] = c;
                if (!seenPoint) {
                    pointPosition++;
                }
            } else {
                break; // an exponent follows
            }
        }
        int exponent = 0;
        if (i < n) {
            char c = s.charAt(i);
            if (c != 'e' && c != 'E') {
                return null;
            }
            int digitsOfExponent = n - i - 1 - (i + 1 < n && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-') ? 1 : 0);
            if (digitsOfExponent > 4) {
                return null;
            }
            exponent = Integer.parseInt(s, i + 1, n, 10);
        }
        while (count > 0 && digits[count - 1] == '0') {
            count--;
        }
        if (count == 0 || count > 15) {
            return null; // zero keeps its sign through the double; long mantissas need the real rounding
        }
        int position = pointPosition + exponent;
        if (position < -290 || position > 300) {
            return null; // near the ends of the range: subnormals and overflow need the double
        }
        return new ShortestDecimal(negative, new String(digits, 0, count), position);
    }

    /** Only for finite values. */
    public static ShortestDecimal of(double value) {
        boolean negative = Double.doubleToRawLongBits(value) < 0;
        if (value == 0) {
            return new ShortestDecimal(negative, "0", 1);
        }
        Schubfach shortest = new Schubfach();
        shortest.convert(value);
        String digits = Long.toString(shortest.digits);
        return new ShortestDecimal(negative, digits, shortest.exponent + digits.length());
    }

    public boolean isZero() {
        return digits.equals("0");
    }

    /** The exponent of scientific notation {@code d.ddd x 10^e}. */
    public int scientificExponent() {
        return pointPosition - 1;
    }

    /** Appends the digits in positional notation: {@code 0.000ddd}, {@code dd.dd} or {@code ddd000}. */
    public void appendPositional(StringBuilder out, boolean pointZeroWhenIntegral) {
        int k = digits.length();
        int n = pointPosition;
        if (n <= 0) {
            out.append("0.");
            for (int i = n; i < 0; i++) {
                out.append('0');
            }
            out.append(digits);
        } else if (n >= k) {
            out.append(digits);
            for (int i = k; i < n; i++) {
                out.append('0');
            }
            if (pointZeroWhenIntegral) {
                out.append(".0");
            }
        } else {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        }
    }

    /**
     * Appends {@code d[.ddd]} then the exponent marker and exponent: {@code marker}, an explicit
     * {@code +} when {@code plusSign}, and at least {@code minExponentDigits} digits.
     */
    public void appendScientific(StringBuilder out, boolean pointZeroWhenOneDigit, String marker,
                                 boolean plusSign, int minExponentDigits) {
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        } else if (pointZeroWhenOneDigit) {
            out.append(".0");
        }
        out.append(marker);
        int e = scientificExponent();
        if (e < 0) {
            out.append('-');
        } else if (plusSign) {
            out.append('+');
        }
        String abs = Integer.toString(Math.abs(e));
        for (int i = abs.length(); i < minExponentDigits; i++) {
            out.append('0');
        }
        out.append(abs);
    }
}
