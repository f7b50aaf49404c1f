package dev.casebook.core.canon.encode.number;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lexeme-to-double conversion is the JDK's, bit for bit, however it is computed. */
class NumberStyleTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0.0", "-0.0", "1", "1.0", "1e0", "1E+0", "9007199254740993", "16.990000000000002",
        "0.1", "0.30000000000000004", "2.2250738585072011e-308", "2.2250738585072014E-308", "4.9e-324", "5e-324", "2.4e-324",
        "2.5e-324", "1e-400", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e400",
        "-1e400", "123456789012345678901234567890", "0.000001", "1e21", "9.999999999999999e22",
        "2.0000000000000004440892098500626161694526672363281250000000000001", "NaN", "Infinity", "-Infinity"})
    void hardCasesConvertAsTheJdkDoes(String lexeme) {
        assertEquals(Double.doubleToRawLongBits(jdk(lexeme)), Double.doubleToRawLongBits(NumberStyle.parseDouble(lexeme)), lexeme);
    }

    /** Random lexemes of every length and exponent, and the decimals exactly halfway between two doubles. */
    @Test
    void randomLexemesConvertAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int i = 0; i < 200_000; i++) {
            String lexeme;
            if (i % 4 == 0) {
                // Halfway between a double and the next: the case where rounding is decided by the last digits.
                double d = Double.longBitsToDouble(random.nextLong(0x7fefffffffffffffL));
                lexeme = new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2)).toString();
            } else {
                StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "");
                int digits = 1 + random.nextInt(i % 4 == 1 ? 25 : 17);
                s.append(1 + random.nextInt(9));
                int point = random.nextInt(digits + 1);
                for (int d = 1; d < digits; d++) {
                    if (d == point) {
                        s.append('.');
                    }
                    s.append(random.nextInt(10));
                }
                if (random.nextBoolean()) {
                    s.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(-340, 320));
                }
                lexeme = s.toString();
            }
            double expected = jdk(lexeme);
            double actual = NumberStyle.parseDouble(lexeme);
            if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
                assertEquals(expected, actual, lexeme);
            }
        }
    }

    private static double jdk(String lexeme) {
        return switch (lexeme) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(lexeme);
        };
    }
}
