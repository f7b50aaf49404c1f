package dev.casebook.core.canon.encode.number;

import dev.casebook.core.canon.json.JsonValue;

/**
 * Numbers written exactly as they were typed: Gson's tree keeps each number as a
 * {@code LazilyParsedNumber} over its lexeme and writes that lexeme back ({@code -0}, {@code 1.0E2},
 * {@code 12345678901234567890} unchanged). Its lenient reader makes a number only of an RFC 8259
 * lexeme, so there is nothing to refuse.
 */
public final class LexemeNumbers implements NumberStyle {

    @Override
    public void append(JsonValue.Num number, StringBuilder out) {
        out.append(number.lexeme());
    }

    @Override
    public int exactIntegerDigits() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean printsPlainDecimalsAsWritten() {
        return true;
    }
}
