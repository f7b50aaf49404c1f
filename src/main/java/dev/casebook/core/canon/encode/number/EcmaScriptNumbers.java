package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * ECMAScript {@code Number::toString} (ECMA-262 7.1.12.1) over doubles: every lexeme becomes a
 * double, {@code -0} prints as {@code 0}, integers up to 1e21 print in full, and exponents carry
 * an explicit sign. Used by {@code JSON.stringify} and RFC 8785.
 */
public final class EcmaScriptNumbers implements NumberStyle {

    /** What {@code JSON.stringify} writes for infinities: {@code null}; RFC 8785 refuses them. */
    public enum NonFinite { NULL, REJECT }

    private final NonFinite nonFinite;

    public EcmaScriptNumbers(NonFinite nonFinite) {
        this.nonFinite = nonFinite;
    }

    @Override
    public boolean printsPlainDecimalsAsWritten() {
        return true;
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        if (NumberStyle.isSmallInteger(number)) {
            out.append(NumberStyle.exactInteger(number.lexeme())); // -0 is 0 as a double too
            return;
        }
        ShortestDecimal plain = ShortestDecimal.ofLexeme(number.lexeme());
        if (plain != null) {
            format(plain, out);
            return;
        }
        double v = NumberStyle.parseDouble(number.lexeme());
        if (!Double.isFinite(v)) {
            if (nonFinite == NonFinite.REJECT) {
                throw LanguageFailure.encode((v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN")
                        + " is not allowed: " + number.lexeme() + " is beyond the range of a double");
            }
            out.append("null");
            return;
        }
        if (v == 0) {
            out.append('0');
            return;
        }
        format(ShortestDecimal.of(v), out); // the lexeme alone did not give the digits (above)
    }

    public static void format(ShortestDecimal d, StringBuilder out) {
        if (d.negative()) {
            out.append('-');
        }
        int n = d.pointPosition();
        if (n > -6 && n <= 21) {
            d.appendPositional(out, false);
        } else {
            d.appendScientific(out, false, "e", true, 1);
        }
    }
}
