package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.OrgJsonNumber;
import java.util.regex.Pattern;

/**
 * org.json's numbers: {@code stringToNumber} reads an integer as Integer, Long or BigInteger
 * (exact) and decimal notation as BigDecimal (exact, {@code -0} and {@code -0.0} as the double
 * -0.0); {@code numberToString} writes the object's {@code toString()} with trailing fraction zeros
 * and a bare point shaved off when there is no exponent. So {@code 1.0} is {@code 1},
 * {@code 12.50} is {@code 12.5}, {@code 1e21} is {@code 1E+21}, {@code 0.0000001} is {@code 1E-7}
 * and {@code 1e400} is {@code 1E+400}: BigDecimal never overflows.
 */
public final class OrgJsonNumbers implements NumberStyle {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");

    @Override
    public void append(JsonValue.Num number, StringBuilder out) {
        Number value = OrgJsonNumber.read(number.lexeme());
        if (value == null) {
            out.append('"').append(number.lexeme()).append('"'); // past 1000 characters org.json keeps the text as a string
            return;
        }
        String s = value.toString();
        if (s.indexOf('.') > 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        if (JSON_NUMBER.matcher(s).matches()) {
            out.append(s);
        } else {
            out.append('"').append(s).append('"'); // writeValue quotes what is not a JSON number
        }
    }

    /** Integers are exact up to the 1000 characters org.json reads as a number. */
    @Override
    public int exactIntegerDigits() {
        return 999;
    }
}
