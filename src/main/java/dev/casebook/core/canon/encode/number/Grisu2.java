package dev.casebook.core.canon.encode.number;

/**
 * Grisu2 as nlohmann::json's {@code to_chars} runs it (Loitsch's algorithm with 64-bit "do it
 * yourself" floats and cached powers of ten): digits that always read back as the double but are
 * not always the shortest ({@code 2e23} gives {@code 1.9999999999999998e+23}, {@code 8.41e21}
 * gives {@code 8.409999999999999e+21}). Ported step by step from its to_chars.hpp (3.11), unsigned
 * 64-bit arithmetic included, since the point of the profile is those very digits.
 */
final class Grisu2 {

    private static final int ALPHA = -60;
    private static final int CACHED_POWERS_MIN_DEC_EXP = -300;
    private static final int CACHED_POWERS_DEC_STEP = 8;
    /** {f, e, k}: f * 2^e ~= 10^k. */
    private static final long[][] CACHED_POWERS = {
        {0xAB70FE17C79AC6CAL, -1060, -300},
        {0xFF77B1FCBEBCDC4FL, -1034, -292},
        {0xBE5691EF416BD60CL, -1007, -284},
        {0x8DD01FAD907FFC3CL, -980, -276},
        {0xD3515C2831559A83L, -954, -268},
        {0x9D71AC8FADA6C9B5L, -927, -260},
        {0xEA9C227723EE8BCBL, -901, -252},
        {0xAECC49914078536DL, -874, -244},
        {0x823C12795DB6CE57L, -847, -236},
        {0xC21094364DFB5637L, -821, -228},
        {0x9096EA6F3848984FL, -794, -220},
        {0xD77485CB25823AC7L, -768, -212},
        {0xA086CFCD97BF97F4L, -741, -204},
        {0xEF340A98172AACE5L, -715, -196},
        {0xB23867FB2A35B28EL, -688, -188},
        {0x84C8D4DFD2C63F3BL, -661, -180},
        {0xC5DD44271AD3CDBAL, -635, -172},
        {0x936B9FCEBB25C996L, -608, -164},
        {0xDBAC6C247D62A584L, -582, -156},
        {0xA3AB66580D5FDAF6L, -555, -148},
        {0xF3E2F893DEC3F126L, -529, -140},
        {0xB5B5ADA8AAFF80B8L, -502, -132},
        {0x87625F056C7C4A8BL, -475, -124},
        {0xC9BCFF6034C13053L, -449, -116},
        {0x964E858C91BA2655L, -422, -108},
        {0xDFF9772470297EBDL, -396, -100},
        {0xA6DFBD9FB8E5B88FL, -369, -92},
        {0xF8A95FCF88747D94L, -343, -84},
        {0xB94470938FA89BCFL, -316, -76},
        {0x8A08F0F8BF0F156BL, -289, -68},
        {0xCDB02555653131B6L, -263, -60},
        {0x993FE2C6D07B7FACL, -236, -52},
        {0xE45C10C42A2B3B06L, -210, -44},
        {0xAA242499697392D3L, -183, -36},
        {0xFD87B5F28300CA0EL, -157, -28},
        {0xBCE5086492111AEBL, -130, -20},
        {0x8CBCCC096F5088CCL, -103, -12},
        {0xD1B71758E219652CL, -77, -4},
        {0x9C40000000000000L, -50, 4},
        {0xE8D4A51000000000L, -24, 12},
        {0xAD78EBC5AC620000L, 3, 20},
        {0x813F3978F8940984L, 30, 28},
        {0xC097CE7BC90715B3L, 56, 36},
        {0x8F7E32CE7BEA5C70L, 83, 44},
        {0xD5D238A4ABE98068L, 109, 52},
        {0x9F4F2726179A2245L, 136, 60},
        {0xED63A231D4C4FB27L, 162, 68},
        {0xB0DE65388CC8ADA8L, 189, 76},
        {0x83C7088E1AAB65DBL, 216, 84},
        {0xC45D1DF942711D9AL, 242, 92},
        {0x924D692CA61BE758L, 269, 100},
        {0xDA01EE641A708DEAL, 295, 108},
        {0xA26DA3999AEF774AL, 322, 116},
        {0xF209787BB47D6B85L, 348, 124},
        {0xB454E4A179DD1877L, 375, 132},
        {0x865B86925B9BC5C2L, 402, 140},
        {0xC83553C5C8965D3DL, 428, 148},
        {0x952AB45CFA97A0B3L, 455, 156},
        {0xDE469FBD99A05FE3L, 481, 164},
        {0xA59BC234DB398C25L, 508, 172},
        {0xF6C69A72A3989F5CL, 534, 180},
        {0xB7DCBF5354E9BECEL, 561, 188},
        {0x88FCF317F22241E2L, 588, 196},
        {0xCC20CE9BD35C78A5L, 614, 204},
        {0x98165AF37B2153DFL, 641, 212},
        {0xE2A0B5DC971F303AL, 667, 220},
        {0xA8D9D1535CE3B396L, 694, 228},
        {0xFB9B7CD9A4A7443CL, 720, 236},
        {0xBB764C4CA7A44410L, 747, 244},
        {0x8BAB8EEFB6409C1AL, 774, 252},
        {0xD01FEF10A657842CL, 800, 260},
        {0x9B10A4E5E9913129L, 827, 268},
        {0xE7109BFBA19C0C9DL, 853, 276},
        {0xAC2820D9623BF429L, 880, 284},
        {0x80444B5E7AA7CF85L, 907, 292},
        {0xBF21E44003ACDD2DL, 933, 300},
        {0x8E679C2F5E44FF8FL, 960, 308},
        {0xD433179D9C8CB841L, 986, 316},
        {0x9E19DB92B4E31BA9L, 1013, 324}
    };

    private Grisu2() {
    }

    /** The digits and point position that nlohmann's to_chars writes for a finite {@code value > 0}. */
    static ShortestDecimal digits(double value) {
        long bits = Double.doubleToRawLongBits(value);
        long e = bits >>> 52;
        long f = bits & ((1L << 52) - 1);
        long vf;
        int ve;
        if (e == 0) {
            vf = f;
            ve = 1 - 1075;
        } else {
            vf = f + (1L << 52);
            ve = (int) e - 1075;
        }
        boolean lowerBoundaryIsCloser = f == 0 && e > 1;
        long plusF = 2 * vf + 1;
        int plusE = ve - 1;
        long minusF = lowerBoundaryIsCloser ? 4 * vf - 1 : 2 * vf - 1;
        int minusE = lowerBoundaryIsCloser ? ve - 2 : ve - 1;
        // normalize m+ so that its top bit is set, m- to the same exponent, and v itself
        while (plusF >>> 63 == 0) {
            plusF <<= 1;
            plusE--;
        }
        minusF <<= minusE - plusE;
        minusE = plusE;
        long wf = vf;
        int we = ve;
        while (wf >>> 63 == 0) {
            wf <<= 1;
            we--;
        }
        long[] cached = cachedPower(plusE);
        long[] w = mul(wf, we, cached[0], (int) cached[1]);
        long[] wMinus = mul(minusF, minusE, cached[0], (int) cached[1]);
        long[] wPlus = mul(plusF, plusE, cached[0], (int) cached[1]);
        return digitGen(wMinus[0] + 1, w[0], wPlus[0] - 1, (int) wPlus[1], (int) -cached[2]);
    }

    /** x * y, rounded: the upper 64 bits of the 128-bit product, ties up; {f, e}. */
    private static long[] mul(long xf, int xe, long yf, int ye) {
        long uLo = xf & 0xFFFFFFFFL;
        long uHi = xf >>> 32;
        long vLo = yf & 0xFFFFFFFFL;
        long vHi = yf >>> 32;
        long p0 = uLo * vLo;
        long p1 = uLo * vHi;
        long p2 = uHi * vLo;
        long p3 = uHi * vHi;
        long q = (p0 >>> 32) + (p1 & 0xFFFFFFFFL) + (p2 & 0xFFFFFFFFL);
        q += 1L << 31;
        long h = p3 + (p2 >>> 32) + (p1 >>> 32) + (q >>> 32);
        return new long[] {h, xe + ye + 64};
    }

    private static long[] cachedPower(int e) {
        int f = ALPHA - e - 1;
        int k = (f * 78913) / (1 << 18) + (f > 0 ? 1 : 0);
        int index = (-CACHED_POWERS_MIN_DEC_EXP + k + (CACHED_POWERS_DEC_STEP - 1)) / CACHED_POWERS_DEC_STEP;
        return CACHED_POWERS[index];
    }

    private static ShortestDecimal digitGen(long mMinus, long w, long mPlus, int e, int decimalExponent) {
        long delta = mPlus - mMinus;
        long dist = mPlus - w;
        int shift = -e;
        long one = 1L << shift;
        long p1 = mPlus >>> shift; // fits 32 bits
        long p2 = mPlus & (one - 1);
        StringBuilder buffer = new StringBuilder(20);
        long pow10 = 1;
        int n = 1;
        while (n < 10 && p1 >= pow10 * 10) {
            pow10 *= 10;
            n++;
        }
        while (n > 0) {
            long d = p1 / pow10;
            p1 = p1 % pow10;
            buffer.append((char) ('0' + d));
            n--;
            long rest = (p1 << shift) + p2;
            if (Long.compareUnsigned(rest, delta) <= 0) {
                round(buffer, dist, delta, rest, pow10 << shift);
                return new ShortestDecimal(false, buffer.toString(), buffer.length() + decimalExponent + n);
            }
            pow10 /= 10;
        }
        int m = 0;
        while (true) {
            p2 *= 10;
            long d = p2 >>> shift;
            p2 &= one - 1;
            buffer.append((char) ('0' + d));
            m++;
            delta *= 10;
            dist *= 10;
            if (Long.compareUnsigned(p2, delta) <= 0) {
                break;
            }
        }
        round(buffer, dist, delta, p2, one);
        return new ShortestDecimal(false, buffer.toString(), buffer.length() + decimalExponent - m);
    }

    private static void round(StringBuilder buffer, long dist, long delta, long rest, long tenK) {
        while (Long.compareUnsigned(rest, dist) < 0
                && Long.compareUnsigned(delta - rest, tenK) >= 0
                && (Long.compareUnsigned(rest + tenK, dist) < 0 || Long.compareUnsigned(dist - rest, rest + tenK - dist) > 0)) {
            int last = buffer.length() - 1;
            buffer.setCharAt(last, (char) (buffer.charAt(last) - 1));
            rest += tenK;
        }
    }
}
