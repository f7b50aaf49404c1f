package dev.casebook.core.canon.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/** What org.json makes of an unquoted value: the one rule its reader and its number style share. */
public final class OrgJsonNumber {

    /** {@code ParserConfiguration.DEFAULT_MAX_NUMBER_LENGTH}: a longer value stays a string. */
    private static final int MAX_LENGTH = 1000;

    private OrgJsonNumber() {
    }

    /**
     * The number {@code stringToNumber} makes of an unquoted value, or null when it makes none (the
     * value is then a string): Integer, Long or BigInteger for an integer, BigDecimal for decimal
     * notation, -0.0 for a negative zero.
     */
    public static Number read(String value) {
        if (value.length() > MAX_LENGTH) {
            return null;
        }
        char initial = value.charAt(0);
        if (!(initial >= '0' && initial <= '9' || initial == '-')) {
            return null;
        }
        try {
            if (value.indexOf('.') > -1 || value.indexOf('e') > -1 || value.indexOf('E') > -1 || value.equals("-0")) {
                return decimal(value, initial);
            }
            if (initial == '0' && value.length() > 1 && isDigit(value.charAt(1))
                    || initial == '-' && value.length() > 2 && value.charAt(1) == '0' && isDigit(value.charAt(2))) {
                return null; // leading zeros
            }
            BigInteger b = new BigInteger(value);
            if (b.bitLength() <= 31) {
                return b.intValue();
            }
            return b.bitLength() <= 63 ? (Number) b.longValue() : b;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Number decimal(String value, char initial) {
        try {
            BigDecimal d = new BigDecimal(value);
            return initial == '-' && d.signum() == 0 ? (Number) (-0.0) : d;
        } catch (NumberFormatException retryAsDouble) {
            double d = Double.parseDouble(value); // hex floats; throws for the rest
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException(value);
            }
            return d;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
