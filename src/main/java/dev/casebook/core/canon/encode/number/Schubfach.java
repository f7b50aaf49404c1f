package dev.casebook.core.canon.encode.number;

import java.math.BigInteger;

/**
 * The shortest decimal that rounds to a double, as digits and a power of ten: Giulietti's
 * Schubfach algorithm ("The Schubfach way to render doubles", 2021), the one JDK 19+ uses for
 * {@code Double.toString}. Written out here so that the digits come as a {@code long} rather than
 * as a Java-formatted string to be read back, which was most of the cost of writing a float.
 *
 * <p>Of the decimals in the double's rounding interval it picks one with the fewest digits, and
 * of those the closest to the double (an even last digit on a tie): the digits Python's
 * {@code repr}, ECMAScript's {@code Number::toString}, Go, Ruby and PHP print. Unlike Java's
 * {@code Double.toString} it never adds a second digit, so {@code Double.MIN_VALUE} is
 * {@code 5e-324}.
 */
final class Schubfach {

    private static final int PRECISION = 53;
    private static final long SIGNIFICAND_MASK = (1L << PRECISION - 1) - 1;
    private static final int EXPONENT_MASK = 0x7FF;
    /** The exponent of the least significant bit of subnormals: {@code MIN_VALUE = 2^Q_MIN}. */
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << PRECISION - 1;
    /** Powers of ten {@code 10^-k} needed, as {@code k} ranges over the exponents the algorithm meets. */
    static final int K_MIN = -324;
    static final int K_MAX = 292;
    /** For each {@code k}: {@code g = floor(10^-k / 2^r) + 1} with {@code 2^125 <= 10^-k / 2^r < 2^126}, in two 63-bit halves. */
    private static final long[] G = powersOfTen();

    /** The digits, with no trailing zero. */
    long digits;
    /** The power of ten: the value is {@code digits x 10^exponent}. */
    int exponent;

    /**
     * Sets {@link #digits} and {@link #exponent} to the shortest decimal of {@code |v|}; {@code v}
     * must be finite and not zero.
     */
    void convert(double v) {
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & SIGNIFICAND_MASK;
        int biasedExponent = (int) (bits >>> PRECISION - 1) & EXPONENT_MASK;
        if (biasedExponent == EXPONENT_MASK || (biasedExponent == 0 && t == 0)) {
            throw new IllegalArgumentException("not a finite non-zero double: " + v);
        }
        if (biasedExponent == 0) {
            subnormal(t);
        } else {
            int q = biasedExponent + Q_MIN - 1;
            long c = C_MIN | t;
            if (q < 0 && q > -PRECISION && (c >> -q) << -q == c) {
                set(c >> -q, 0); // an integer below 2^53: its own digits
            } else {
                shortest(q, c);
            }
        }
        while (digits % 10 == 0) {
            digits /= 10;
            exponent++;
        }
    }

    /**
     * The two smallest subnormals have too few significant bits for the algorithm's bounds (the
     * paper's {@code c_tiny}); their shortest decimals are one digit: {@code 5e-324} and
     * {@code 1e-323} (the closer of {@code 9e-324} and {@code 1e-323}, which both round to it).
     */
    private void subnormal(long t) {
        if (t == 1) {
            set(5, -324);
        } else if (t == 2) {
            set(1, -323);
        } else {
            shortest(Q_MIN, t);
        }
    }

    /** The figure-7 skeleton of the paper for {@code v = c x 2^q}. */
    private void shortest(int q, long c) {
        int out = (int) c & 1; // an odd significand's interval excludes its ends (ties round to even)
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        } else {
            cbl = cb - 1; // at a power of two the interval below is half as wide
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);
        long s = vb >> 2;
        // One digit fewer, if exactly one of its two candidates lies in the interval. The JDK (and jackson's
        // port) try it only from three digits on, because Double.toString prints at least two; the shortest
        // digits of a subnormal can be one (7.905e-323 is 8e-323 in Python and JavaScript, 7.9E-323 in Java).
        if (s >= 10 && setIfOnlyOneInside(10 * (s / 10), 10 * (s / 10) + 10, vbl, vbr, out, k)) {
            return;
        }
        long t = s + 1;
        if (setIfOnlyOneInside(s, t, vbl, vbr, out, k)) {
            return;
        }
        long cmp = vb - (s + t << 1); // both in: the closer, the even one on a tie
        set(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k);
    }

    /** When exactly one of the neighbours {@code u < w} lies in the rounding interval {@code [vbl, vbr]} (scaled by 4), takes it. */
    private boolean setIfOnlyOneInside(long u, long w, long vbl, long vbr, int out, int k) {
        boolean uIn = vbl + out <= u << 2;
        boolean wIn = (w << 2) + out <= vbr;
        if (uIn != wIn) {
            set(uIn ? u : w, k);
        }
        return uIn != wIn;
    }

    private void set(long digits, int exponent) {
        this.digits = digits;
        this.exponent = exponent;
    }

    /** {@code g x cp / 2^127}, rounded down with the lowest bit set when anything was dropped (round to odd). */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & Long.MAX_VALUE) + Long.MAX_VALUE) >>> 63;
    }

    /** {@code floor(log10(2^e))}, exact for the exponents of doubles. */
    static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** {@code floor(log10(3/4 x 2^e))}, exact for the exponents of doubles. */
    static int floorLog10ThreeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** {@code floor(log2(10^e))}, exact for the powers of ten of doubles. */
    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** {@link #G}, computed exactly once rather than kept as a table of literals. */
    private static long[] powersOfTen() {
        long[] g = new long[2 * (K_MAX - K_MIN + 1)];
        for (int k = K_MIN; k <= K_MAX; k++) {
            BigInteger value = gOf(k);
            g[2 * (k - K_MIN)] = value.shiftRight(63).longValueExact();
            g[2 * (k - K_MIN) + 1] = value.longValue() & Long.MAX_VALUE;
        }
        return g;
    }

    /** {@code floor(10^-k / 2^r) + 1} where {@code r = floor(log2(10^-k)) - 125}. */
    static BigInteger gOf(int k) {
        int n = -k;
        BigInteger ten = BigInteger.TEN.pow(Math.abs(n));
        int shift = 125 - floorLog2Exact(n);
        BigInteger floor = n >= 0
                ? (shift >= 0 ? ten.shiftLeft(shift) : ten.shiftRight(-shift))
                : BigInteger.ONE.shiftLeft(shift).divide(ten);
        return floor.add(BigInteger.ONE);
    }

    /** {@code floor(log2(10^n))} by exact arithmetic: the reference {@link #floorLog2Pow10} is held to. */
    static int floorLog2Exact(int n) {
        BigInteger ten = BigInteger.TEN.pow(Math.abs(n));
        return n >= 0 ? ten.bitLength() - 1 : -ten.bitLength(); // 10^|n| is never a power of two for n != 0
    }
}
