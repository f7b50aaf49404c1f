package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.AndroidJsonNumber;
import dev.casebook.core.canon.json.JsonValue;

/**
 * Android's org.json: a literal without a point is a long when {@code Long.parseLong} reads it
 * (also {@code 0x} hex and {@code 0} octal), otherwise a double; {@code numberToString} writes a
 * double whose value is a whole long as that long ({@code 1.0} is {@code 1}, {@code 1e5} is
 * {@code 100000}), {@code -0.0} as {@code -0}, the rest by {@code Double.toString}
 * ({@code 1.2345678901234567E19}) of the JDK the service runs on. Non-finite numbers are refused.
 */
public final class AndroidNumbers implements NumberStyle {

    @Override
    public boolean checksMemberValues() {
        return true;
    }

    @Override
    public void checkMemberValue(JsonValue.Num number) throws LanguageFailure {
        double d = AndroidJsonNumber.read(number.lexeme()).doubleValue();
        if (!Double.isFinite(d)) {
            throw LanguageFailure.parse("Forbidden numeric value: " + d + " (JSONObject.put refuses it)");
        }
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        Number value = AndroidJsonNumber.read(number.lexeme());
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw LanguageFailure.encode("Forbidden numeric value: " + d);
        }
        if (value instanceof Double && Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0)) {
            out.append("-0");
            return;
        }
        long whole = value.longValue();
        out.append(d == (double) whole ? Long.toString(whole) : value.toString());
    }
}
