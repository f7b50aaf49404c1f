package dev.casebook.core.canon.encode.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The shortcut writers take for small integers holds for every profile's style: what it
     * calls written as it stands, each style writes so; what it leaves to the style is the edge.
     */
    @Test
    void smallIntegersAreWrittenAsTheyStandByEveryStyle() throws Exception {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", System.nanoTime()));
        List<String> lexemes = new ArrayList<>(List.of("0", "1", "-1", "9", "-9", "999999999999999", "-999999999999999",
                "2147483648", "-2147483649", "4294967296"));
        for (int i = 0; i < 2000; i++) {
            String digits = Long.toString(100_000_000_000_000L + random.nextLong(900_000_000_000_000L)).substring(0, 1 + random.nextInt(15));
            lexemes.add(random.nextBoolean() ? "-" + digits : digits);
        }
        for (EncoderProfile p : new ProfileCatalog().all()) {
            if (p.isRaw()) {
                continue;
            }
            for (String lexeme : lexemes) {
                byte[] text = lexeme.getBytes(StandardCharsets.US_ASCII);
                assertTrue(NumberStyle.isCopiableInteger(text, 0, text.length), lexeme);
                StringBuilder out = new StringBuilder();
                p.encoding().numbers().append(new JsonValue.Num(lexeme), out);
                assertEquals(lexeme, out.toString(), p.id());
            }
        }
        for (String edge : List.of("-0", "1234567890123456", "-1234567890123456", "1.0", "1e2", "0.5")) {
            byte[] text = edge.getBytes(StandardCharsets.US_ASCII);
            assertFalse(NumberStyle.isCopiableInteger(text, 0, text.length), edge);
        }
    }

    /**
     * Plain decimals as the styles that claim it print them, and the edges of the claim: 15
     * digits, 0.001, 10^7, a trailing zero, an exponent.
     */
    @Test
    void plainDecimalsAreWrittenAsTheyStandByTheStylesThatSaySo() throws Exception {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", System.nanoTime()));
        List<String> lexemes = new ArrayList<>(List.of("9.99", "-0.25", "0.001", "-0.001", "0.0015", "9999999.5", "1234567.12345678",
                "0.123456789012345", "16.99", "1.5"));
        for (int i = 0; i < 3000; i++) {
            String digits = Long.toString(100_000_000_000_000L + random.nextLong(900_000_000_000_000L));
            int intDigits = random.nextInt(8);
            String lexeme = intDigits == 0
                    ? "0." + "0".repeat(random.nextInt(3)) + digits.substring(0, 1 + random.nextInt(15))
                    : digits.substring(0, intDigits) + "." + digits.substring(intDigits, intDigits + 1 + random.nextInt(15 - intDigits));
            lexeme = lexeme.replaceAll("0+$", "");
            if (!lexeme.endsWith(".")) {
                lexemes.add(random.nextBoolean() ? "-" + lexeme : lexeme);
            }
        }
        int claimed = 0;
        for (EncoderProfile p : new ProfileCatalog().all()) {
            if (p.isRaw() || !p.encoding().numbers().printsPlainDecimalsAsWritten()) {
                continue;
            }
            claimed++;
            for (String lexeme : lexemes) {
                byte[] text = lexeme.getBytes(StandardCharsets.US_ASCII);
                assertTrue(NumberStyle.isPlainDecimal(text, 0, text.length), lexeme);
                StringBuilder out = new StringBuilder();
                p.encoding().numbers().append(new JsonValue.Num(lexeme), out);
                assertEquals(lexeme, out.toString(), p.id());
            }
        }
        assertTrue(claimed >= 15, "most profiles print plain decimals as written: " + claimed);
        for (String edge : List.of("0.0001", "10000000.5", "1.0", "1.50", "1e2", "1.5e0", "0.1234567890123456", "12345678.1234567",
                "1", "-0.0", "0.0")) {
            byte[] text = edge.getBytes(StandardCharsets.US_ASCII);
            assertFalse(NumberStyle.isPlainDecimal(text, 0, text.length), edge);
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
