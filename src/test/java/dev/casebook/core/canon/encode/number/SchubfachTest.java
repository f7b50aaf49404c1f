package dev.casebook.core.canon.encode.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SchubfachTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(Long.getLong("fuzz.seed", System.nanoTime()));

    /** The shortcuts for the logarithms agree with exact arithmetic wherever the algorithm uses them. */
    @Test
    void theLogarithmShortcutsAreExactOverTheirRange() {
        for (int e = -1100; e <= 1100; e++) {
            assertEquals(floorLog10(timesPowerOfTwo(1, e)), Schubfach.floorLog10Pow2(e), "2^" + e);
            assertEquals(floorLog10(timesPowerOfTwo(3, e - 2)), Schubfach.floorLog10ThreeQuartersPow2(e), "3/4 2^" + e);
        }
        for (int n = -Schubfach.K_MAX - 5; n <= -Schubfach.K_MIN + 5; n++) {
            assertEquals(Schubfach.floorLog2Exact(n), Schubfach.floorLog2Pow10(n), "10^" + n);
        }
    }

    /** The table entry brackets 10^-k as the algorithm needs: (g - 1) 2^r <= 10^-k < g 2^r with 2^125 <= g < 2^126. */
    @Test
    void theTableBracketsEachPowerOfTen() {
        for (int k = Schubfach.K_MIN; k <= Schubfach.K_MAX; k++) {
            BigInteger g = Schubfach.gOf(k);
            assertTrue(g.bitLength() == 126, "k=" + k);
            int r = Schubfach.floorLog2Exact(-k) - 125;
            BigDecimal tenToMinusK = BigDecimal.ONE.scaleByPowerOfTen(-k);
            BigDecimal twoToR = timesPowerOfTwo(1, r);
            assertTrue(new BigDecimal(g.subtract(BigInteger.ONE)).multiply(twoToR).compareTo(tenToMinusK) <= 0, "k=" + k);
            assertTrue(new BigDecimal(g).multiply(twoToR).compareTo(tenToMinusK) > 0, "k=" + k);
        }
    }

    @Test
    void randomBitPatternsGiveJacksonsDigits() {
        for (int i = 0; i < 400_000; i++) {
            double v = Double.longBitsToDouble(RANDOM.nextLong());
            if (Double.isFinite(v) && v != 0) {
                check(v);
            }
        }
    }

    /** Short decimals, the numbers JSON bodies hold, across the whole exponent range. */
    @Test
    void randomShortDecimalsGiveJacksonsDigits() {
        for (int i = 0; i < 300_000; i++) {
            long digits = RANDOM.nextLong(1, 1 + (long) Math.pow(10, 1 + RANDOM.nextInt(17)));
            double v = Double.parseDouble(digits + "e" + (RANDOM.nextInt(650) - 340));
            if (Double.isFinite(v) && v != 0) {
                check(v);
            }
        }
    }

    @Test
    void edgesOfTheRange() {
        double[] edges = {Double.MIN_VALUE, 2 * Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            Math.nextUp(Double.MIN_NORMAL), Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), 1, 2, 3, 10, 1e15, 1e16, 1e17, 1e22, 1e23, 2e23,
            9007199254740992.0, 9007199254740993.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1e-7, 1e21, 5e-324, 123456789012345678.0, 4.35, 2.5e-5};
        for (double v : edges) {
            check(v);
            check(-v);
        }
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e); // the irregular spacing below each power of two
            check(power);
            check(Math.nextUp(power));
            if (e > -1074) {
                check(Math.nextDown(power));
            }
        }
        for (long n = 1; n < 100_000; n++) {
            check(n);
        }
    }

    @Test
    void knownShortestDigits() {
        assertDecimal(5, -324, Double.MIN_VALUE);
        assertDecimal(1, -323, 2 * Double.MIN_VALUE);
        assertDecimal(15, -324, 3 * Double.MIN_VALUE);
        assertDecimal(2, 23, 2e23); // JDK 17 prints 1.9999999999999998E23
        assertDecimal(30000000000000004L, -17, 0.1 + 0.2);
        assertDecimal(17976931348623157L, 292, Double.MAX_VALUE);
        assertDecimal(9007199254740992L, 0, 9007199254740993.0);
        assertDecimal(125, -1, 12.5);
    }

    @Test
    void refusesWhatHasNoDigits() {
        Schubfach s = new Schubfach();
        for (double v : new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> s.convert(v), String.valueOf(v));
        }
    }

    private static void assertDecimal(long digits, int exponent, double v) {
        Schubfach s = new Schubfach();
        s.convert(v);
        assertEquals(digits + "e" + exponent, s.digits + "e" + s.exponent, String.valueOf(v));
    }

    /**
     * Against jackson-core's Schubfach (what JDK 19's {@code Double.toString} prints), read back
     * to digits and exponent; it keeps a second digit for the two smallest subnormals, which the
     * known cases cover. Also that the decimal reads back as the same double.
     */
    private static void check(double v) {
        Schubfach s = new Schubfach();
        s.convert(v);
        assertTrue(s.digits > 0 && s.digits % 10 != 0, v + ": " + s.digits);
        assertEquals(Math.abs(v), Double.parseDouble(s.digits + "e" + s.exponent), "round trip of " + v);
        if (Math.abs(v) > 2 * Double.MIN_VALUE) {
            BigDecimal expected = new BigDecimal(DoubleToDecimal.toString(Math.abs(v))).stripTrailingZeros();
            if (expected.precision() == 2 && oneDigitReadsBack(Math.abs(v), expected)) {
                // Java prints at least two digits; the shortest (Python's, JavaScript's) has one here.
                assertEquals(1, String.valueOf(s.digits).length(), v + ": one digit reads back, so it is the shortest");
            } else {
                assertEquals(expected.unscaledValue() + "e" + -expected.scale(), s.digits + "e" + s.exponent, String.valueOf(v));
            }
        }
    }

    /** Whether a one-digit decimal next to {@code twoDigits} parses back to {@code v}. */
    private static boolean oneDigitReadsBack(double v, BigDecimal twoDigits) {
        BigDecimal down = twoDigits.round(new java.math.MathContext(1, java.math.RoundingMode.FLOOR));
        BigDecimal up = twoDigits.round(new java.math.MathContext(1, java.math.RoundingMode.CEILING));
        return Double.parseDouble(down.toString()) == v || Double.parseDouble(up.toString()) == v;
    }

    /** The shortest digits of a subnormal may be one where Java's Double.toString keeps two. */
    @Test
    void aSubnormalsShortestDigitsMayBeOne() {
        Schubfach s = new Schubfach();
        s.convert(7.905050333459952E-323);
        assertEquals("8e-323", s.digits + "e" + s.exponent);
        s.convert(Double.parseDouble("-8.042712473641E-323"));
        assertEquals("8e-323", s.digits + "e" + s.exponent);
    }

    /** {@code m x 2^e} exactly: a negative power of two is a power of five over a power of ten. */
    private static BigDecimal timesPowerOfTwo(long m, int e) {
        BigInteger mm = BigInteger.valueOf(m);
        return e >= 0 ? new BigDecimal(mm.shiftLeft(e)) : new BigDecimal(mm.multiply(BigInteger.valueOf(5).pow(-e)), -e);
    }

    /** {@code floor(log10(x))} for a positive decimal: its digits' count less its scale, less one. */
    private static int floorLog10(BigDecimal x) {
        return x.precision() - x.scale() - 1;
    }
}
