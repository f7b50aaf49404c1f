package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * Every number read as a Java {@code double} and written by {@code Double.toString}: Gson's
 * {@code fromJson(text, Object.class)} ({@code ToNumberPolicy.DOUBLE}), so {@code 1} becomes
 * {@code 1.0}, {@code 100} {@code 100.0} and {@code 1e21} {@code 1.0E21}. {@code Double.toString}
 * differs between JDKs ({@code 7e22} is {@code 7.0000000000000004E22} on JDK 17 and {@code 7.0E22}
 * from JDK 19), and a Java client runs on some JDK; the profile follows the one the service runs
 * on, calling its own {@code Double.toString}. A number past the double range is infinite, which
 * Gson refuses to write.
 */
public final class JavaDoubleNumbers implements NumberStyle {

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        double v = NumberStyle.parseDouble(number.lexeme());
        if (!Double.isFinite(v)) {
            throw LanguageFailure.encode(v + " is not a valid double value as per JSON specification. To override this behavior,"
                    + " use GsonBuilder.serializeSpecialFloatingPointValues() method.");
        }
        out.append(Double.toString(v));
    }

    /** Never: even a small integer gains a {@code .0}, and a decimal is reprinted by {@code Double.toString}. */
    @Override
    public boolean writesAsItStands(byte[] text, int from, int to) {
        return false;
    }
}
