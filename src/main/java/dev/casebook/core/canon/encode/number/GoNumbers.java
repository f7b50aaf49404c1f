package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;

/**
 * Go's {@code encoding/json} with {@code any}: every number is a float64 (one that overflows is
 * an unmarshal error), printed by {@code strconv.AppendFloat} in {@code 'f'} form for
 * {@code 1e-6 <= |x| < 1e21} and {@code 'e'} form otherwise, with {@code e-07} cleaned to
 * {@code e-7}. Unlike JavaScript it keeps the sign of {@code -0}.
 */
public final class GoNumbers implements NumberStyle {

    @Override
    public void checkParsed(JsonValue.Num number) throws LanguageFailure {
        if (NumberStyle.isSmallInteger(number)) {
            return;
        }
        if (!Double.isFinite(NumberStyle.parseDouble(number.lexeme()))) {
            String shown = number.lexeme().length() > 60 ? number.lexeme().substring(0, 60) + "..." : number.lexeme();
            throw LanguageFailure.parse("json: cannot unmarshal number " + shown + " into Go value of type float64");
        }
    }

    @Override
    public boolean printsPlainDecimalsAsWritten() {
        return true;
    }

    @Override
    public void append(JsonValue.Num number, StringBuilder out) throws LanguageFailure {
        if (NumberStyle.isSmallInteger(number)) {
            out.append(number.lexeme()); // Go keeps the sign of -0
            return;
        }
        checkParsed(number);
        double v = NumberStyle.parseDouble(number.lexeme());
        ShortestDecimal d = ShortestDecimal.of(number.lexeme(), v);
        if (d.negative()) {
            out.append('-');
        }
        double abs = Math.abs(v);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21)) {
            d.appendPositional(out, false);
        } else {
            // strconv pads exponents to two digits and encoding/json trims e-07 to e-7; positive
            // exponents here are all >= 21, so one minimum digit gives the same text.
            d.appendScientific(out, false, "e", true, 1);
        }
    }
}
