package dev.casebook.core.canon.json;

/** What Android's org.json makes of a literal: the one rule its reader and its number style share. */
public final class AndroidJsonNumber {

    private AndroidJsonNumber() {
    }

    /** The Integer, Long or Double that {@code readLiteral} makes of a literal, or null when it stays a string. */
    public static Number read(String literal) {
        if (literal.indexOf('.') == -1) {
            int base = 10;
            String number = literal;
            if (number.startsWith("0x") || number.startsWith("0X")) {
                number = number.substring(2);
                base = 16;
            } else if (number.startsWith("0") && number.length() > 1) {
                number = number.substring(1);
                base = 8;
            }
            try {
                long value = Long.parseLong(number, base);
                return value <= Integer.MAX_VALUE && value >= Integer.MIN_VALUE ? (Number) (int) value : (Number) value;
            } catch (NumberFormatException notAnInteger) {
                // a double, perhaps
            }
        }
        try {
            return Double.valueOf(literal);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
