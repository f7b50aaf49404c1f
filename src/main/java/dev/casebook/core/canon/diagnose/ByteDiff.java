package dev.casebook.core.canon.diagnose;

import java.nio.charset.StandardCharsets;

/**
 * The first difference between two byte strings and the short run of bytes on each side that
 * differs before the two agree again.
 *
 * @param offset        first differing byte (the shorter length when one is a prefix of the other)
 * @param expectedEnd   where the differing run ends on the expected side
 * @param actualEnd     where it ends on the actual side
 */
record ByteDiff(int offset, int expectedEnd, int actualEnd) {

    private static final int RESYNC = 4;
    private static final int SEARCH = 48;

    /** Null when the two are equal. */
    static ByteDiff of(byte[] expected, byte[] actual) {
        int n = Math.min(expected.length, actual.length);
        int p = 0;
        while (p < n && expected[p] == actual[p]) {
            p++;
        }
        if (p == expected.length && p == actual.length) {
            return null;
        }
        // The smallest skip on either side after which both agree again for a few bytes (or end).
        for (int total = 1; total <= 2 * SEARCH; total++) {
            for (int i = 0; i <= Math.min(total, SEARCH); i++) {
                int j = total - i;
                if (j > SEARCH) {
                    continue;
                }
                if (agree(expected, p + i, actual, p + j)) {
                    return new ByteDiff(p, p + i, p + j);
                }
            }
        }
        return new ByteDiff(p, Math.min(expected.length, p + 16), Math.min(actual.length, p + 16));
    }

    private static boolean agree(byte[] a, int i, byte[] b, int j) {
        if (i > a.length || j > b.length) {
            return false;
        }
        int k = 0;
        while (k < RESYNC && i + k < a.length && j + k < b.length) {
            if (a[i + k] != b[j + k]) {
                return false;
            }
            k++;
        }
        return k == RESYNC || (i + k == a.length && j + k == b.length);
    }

    static String text(byte[] bytes, int from, int to) {
        from = Math.max(0, Math.min(from, bytes.length));
        to = Math.max(from, Math.min(to, bytes.length));
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
