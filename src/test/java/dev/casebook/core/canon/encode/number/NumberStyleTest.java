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
     * The shortcut writers take ({@link NumberStyle#writesAsItStands}) holds for every profile's
     * style: whatever lexeme it calls written as it stands, the style writes so. Lexemes of every
     * shape: integers up to 5000 digits, decimals of up to 20 digits, the shortest forms of random
     * doubles (what other encoders send), and the edges of each claim.
     */
    @Test
    void whatAStyleCallsWrittenAsItStandsItWritesSo() throws Exception {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", System.nanoTime()));
        List<String> lexemes = new ArrayList<>(List.of("0", "-0", "1", "-1", "999999999999999", "1234567890123456", "9007199254740993",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999",
                "1" + "0".repeat(4299), "1" + "0".repeat(4300), "9.99", "-0.25", "0.001", "0.0001", "0.0015", "9999999.5", "10000000.5",
                "16.990000000000002", "0.30000000000000004", "0.30000000000000001", "0.1234567890123456", "1.0", "1.50", "1e2", "1.5e0",
                "-0.0", "0.0", "1234567.1234567891", "2.2250738585072014E-308"));
        for (int i = 0; i < 3000; i++) {
            String digits = Long.toString(random.nextLong(1, Long.MAX_VALUE)) + Long.toString(random.nextLong(1, Long.MAX_VALUE));
            int length = 1 + random.nextInt(20);
            String lexeme = switch (i % 4) {
                case 0 -> digits.substring(0, Math.min(length, digits.length()));
                case 1 -> {
                    int point = random.nextInt(1, Math.min(length, 8) + 1);
                    yield (random.nextInt(4) == 0 ? "0." + "0".repeat(random.nextInt(4)) : digits.substring(0, point) + ".")
                            + digits.substring(point, Math.min(point + length, digits.length()));
                }
                case 2 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-4, 8)));
                default -> new BigDecimal(com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal.toString(
                        Double.longBitsToDouble(random.nextLong(0x7fefffffffffffffL)))).toPlainString();
            };
            lexemes.add(random.nextBoolean() ? "-" + lexeme : lexeme);
        }
        for (EncoderProfile p : new ProfileCatalog().all()) {
            if (p.isRaw()) {
                continue;
            }
            NumberStyle style = p.encoding().numbers();
            for (String lexeme : lexemes) {
                byte[] text = lexeme.getBytes(StandardCharsets.US_ASCII);
                if (style.writesAsItStands(text, 0, text.length)) {
                    StringBuilder out = new StringBuilder();
                    style.append(new JsonValue.Num(lexeme), out);
                    assertEquals(lexeme, out.toString(), p.id());
                }
            }
        }
    }

    /** Integers are claimed up to each style's own limit, and no further. */
    @Test
    void integersAreClaimedUpToTheStylesLimit() {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", System.nanoTime()));
        for (EncoderProfile p : new ProfileCatalog().all()) {
            if (p.isRaw()) {
                continue;
            }
            NumberStyle style = p.encoding().numbers();
            int limit = style.exactIntegerDigits();
            assertTrue(limit >= 15, p.id());
            for (int length : new int[] {1, 2, 15, 16, 17, 18, 19, 20, 100, 4300, 4301}) {
                StringBuilder s = new StringBuilder(random.nextBoolean() ? "-" : "").append(1 + random.nextInt(9));
                for (int d = 1; d < length; d++) {
                    s.append(random.nextInt(10));
                }
                byte[] text = s.toString().getBytes(StandardCharsets.US_ASCII);
                assertEquals(length <= limit, NumberStyle.isCopiableInteger(text, 0, text.length, limit), p.id() + " " + length);
            }
            assertFalse(NumberStyle.isCopiableInteger("-0".getBytes(StandardCharsets.US_ASCII), 0, 2, limit));
        }
        assertEquals(4300, new PythonNumbers().exactIntegerDigits()); // past it CPython refuses the body
    }

    /**
     * A plain decimal is claimed exactly when it is its double's shortest form inside the range
     * every claiming style prints positionally: 15 digits or fewer always; 16 and 17 when the
     * double's shortest digits are the lexeme's (checked here against jackson-core's Schubfach).
     */
    @Test
    void plainDecimalsAreClaimedExactlyWhenShortest() {
        SplittableRandom random = new SplittableRandom(Long.getLong("fuzz.seed", System.nanoTime()));
        int longClaimed = 0;
        for (int i = 0; i < 50_000; i++) {
            double v = random.nextDouble() * Math.pow(10, random.nextInt(-3, 7));
            String shortest = new BigDecimal(com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal.toString(v)).toPlainString();
            String lexeme = switch (i % 3) {
                case 0 -> shortest;
                case 1 -> shortest + (1 + random.nextInt(9)); // one digit more: rarely shortest
                default -> shortest.substring(0, shortest.length() - 1) + (1 + random.nextInt(9)); // the last digit changed
            };
            if (!lexeme.contains(".") || lexeme.endsWith("0") || v < 0.001 || v >= 1e7) {
                continue;
            }
            byte[] text = lexeme.getBytes(StandardCharsets.US_ASCII);
            BigDecimal exact = new BigDecimal(lexeme);
            BigDecimal ofItsDouble = new BigDecimal(com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal.toString(exact.doubleValue()));
            boolean isShortest = exact.compareTo(ofItsDouble) == 0 && exact.compareTo(new BigDecimal("0.001")) >= 0
                    && exact.compareTo(BigDecimal.valueOf(10_000_000)) < 0;
            assertEquals(isShortest, NumberStyle.isShortestPlainDecimal(text, 0, text.length), lexeme);
            if (isShortest && exact.precision() >= 16) {
                longClaimed++;
            }
        }
        assertTrue(longClaimed > 1000, "16- and 17-digit shortest decimals are claimed: " + longClaimed);
        for (String edge : List.of("0.0001", "10000000.5", "1.0", "1.50", "1e2", "1.5e0", "1", "-0.0", "0.0", "0.30000000000000001",
                "1.00000000000000001", "01.5", "1.")) {
            byte[] text = edge.getBytes(StandardCharsets.US_ASCII);
            assertFalse(NumberStyle.isShortestPlainDecimal(text, 0, text.length), edge);
        }
        for (String claimed : List.of("16.990000000000002", "-0.30000000000000004", "0.001", "9999999.999999998", "0.0012345678901234567")) {
            byte[] text = claimed.getBytes(StandardCharsets.US_ASCII);
            assertTrue(NumberStyle.isShortestPlainDecimal(text, 0, text.length), claimed);
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
