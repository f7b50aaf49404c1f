package dev.casebook.core.canon.encode.number;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShortestDecimalTest {

    /** Reading digits off a short lexeme gives what converting through the double gives. */
    @Test
    void theLexemeShortcutAgreesWithTheDouble() {
        SplittableRandom r = new SplittableRandom(Long.getLong("fuzz.seed", System.nanoTime()));
        for (int i = 0; i < 300_000; i++) {
            StringBuilder s = new StringBuilder();
            if (r.nextBoolean()) {
                s.append('-');
            }
            int intDigits = r.nextInt(8);
            s.append(intDigits == 0 ? "0" : String.valueOf(1 + r.nextInt(9)));
            for (int k = 1; k < intDigits; k++) {
                s.append(r.nextInt(10));
            }
            int frac = r.nextInt(12);
            if (frac > 0) {
                s.append('.');
                for (int k = 0; k < frac; k++) {
                    s.append(r.nextInt(10));
                }
            }
            if (r.nextInt(3) == 0) {
                s.append(r.nextBoolean() ? 'e' : 'E').append(r.nextInt(620) - 310);
            }
            String lexeme = s.toString();
            double v = Double.parseDouble(lexeme);
            if (!Double.isFinite(v) || v == 0) {
                continue;
            }
            assertEquals(ShortestDecimal.of(v), ShortestDecimal.of(lexeme, v), lexeme);
        }
    }

    @Test
    void knownCases() {
        assertEquals(new ShortestDecimal(false, "125", 2), ShortestDecimal.of("12.50", 12.5));
        assertEquals(new ShortestDecimal(false, "1", -2), ShortestDecimal.of("0.001", 0.001));
        assertEquals(new ShortestDecimal(false, "5", -323), ShortestDecimal.of("5e-324", 5e-324));
        assertEquals(new ShortestDecimal(false, "9007199254740992", 16), ShortestDecimal.of("9007199254740993", 9007199254740993.0));
        assertEquals(new ShortestDecimal(true, "0", 1), ShortestDecimal.of("-0.0", -0.0));
    }
}
