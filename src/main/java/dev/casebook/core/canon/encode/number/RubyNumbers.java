package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * Ruby's {@code JSON.parse} then {@code JSON.generate}: integer lexemes are exact Integers
 * (bignums included); others are Floats printed by {@code Float#to_s}: positional with a
 * {@code .0} while the point sits within 16 places and the value is not a bare power-of-ten-like
 * integer past 15 digits, else {@code 1.0e+16} / {@code 1.0e-05}. Infinities are a GeneratorError.
 */
public final class RubyNumbers implements NumberStyle {

    private final boolean nonFiniteAsNull;

    /** {@code JSON.generate}: a non-finite Float is a GeneratorError. */
    public RubyNumbers() {
        this(false);
    }

    /** With {@code nonFiniteAsNull}, ActiveSupport's {@code Float#as_json}: a non-finite Float becomes nil, written {@code null}. */
    public RubyNumbers(boolean nonFiniteAsNull) {
        this.nonFiniteAsNull = nonFiniteAsNull;
    }

    /** Integers are exact Integers, bignums included. */
    @Override
    public int exactIntegerDigits() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean printsPlainDecimalsAsWritten() {
        return true;
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        if (NumberStyle.appendedAsExactInteger(number, out)) {
            return;
        }
        String lexeme = number.lexeme();
        double v = NumberStyle.parseDouble(lexeme);
        if (!Double.isFinite(v) && nonFiniteAsNull) {
            out.append("null");
            return;
        }
        if (!Double.isFinite(v)) {
            throw LanguageFailure.encode("JSON::GeneratorError: " + (v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN")
                    + " not allowed in JSON");
        }
        toS(ShortestDecimal.of(lexeme, v), out);
    }

    static void toS(ShortestDecimal d, StringBuilder out) {
        if (d.negative()) {
            out.append('-');
        }
        if (d.isZero()) {
            out.append("0.0");
            return;
        }
        int n = d.pointPosition();
        int k = d.digits().length();
        boolean positional = n > 0 ? (n < 16 || (n == 16 && k > n)) : n > -4;
        if (positional) {
            d.appendPositional(out, true);
        } else {
            d.appendScientific(out, true, "e", true, 2);
        }
    }
}
