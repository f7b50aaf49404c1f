package dev.casebook.core.canon.encode.number;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * Jackson's {@code readTree} then {@code writeValue}: integer lexemes become int, long or
 * BigInteger nodes and print exactly; anything else is a DoubleNode printed by
 * {@code Double.toString} ({@code 1.0E21}, {@code 1.0E-7}, positional for 1e-3 &lt;= |x| &lt; 1e7).
 * Infinity is written as the quoted string {@code "Infinity"} (QUOTE_NON_NUMERIC_NUMBERS).
 *
 * <p>Which {@code Double.toString}: JDK 19+ prints the shortest digits (Schubfach, from
 * jackson-core here, so the answer does not depend on the JDK Casebook runs on); JDK 17 and 18
 * print {@code FloatingDecimal}'s digits, which are sometimes longer ({@code 2e23} gives
 * {@code 1.9999999999999998E23}).
 */
public final class JavaNumbers implements NumberStyle {

    /** Which JDK's {@code Double.toString} the profile reproduces. */
    public enum Jdk { SHORTEST_JDK19_PLUS, FLOATING_DECIMAL_JDK17 }

    private final Jdk jdk;

    public JavaNumbers(Jdk jdk) {
        this.jdk = jdk;
    }

    /** Integers are int, long or BigInteger nodes: exact. */
    @Override
    public int exactIntegerDigits() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean printsPlainDecimalsAsWritten() {
        return jdk == Jdk.SHORTEST_JDK19_PLUS; // JDK 17's Double.toString is not always shortest
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        if (NumberStyle.appendedAsExactInteger(number, out)) {
            return;
        }
        String lexeme = number.lexeme();
        double v = NumberStyle.parseDouble(lexeme);
        if (Double.isNaN(v)) {
            out.append("\"NaN\"");
        } else if (Double.isInfinite(v)) {
            out.append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else if (jdk == Jdk.SHORTEST_JDK19_PLUS) {
            out.append(DoubleToDecimal.toString(v));
        } else {
            out.append(Jdk17DoubleToString.toString(v));
        }
    }
}
