package dev.casebook.core.canon.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    private static int reference(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Test
    void codePointOrderMatchesDecodingEveryCodePoint() {
        SplittableRandom r = new SplittableRandom(Long.getLong("fuzz.seed", System.nanoTime()));
        char[] interesting = {'a', 'z', 'A', '\u00e9', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\uff61', '\uffff', '\u20ac'};
        for (int i = 0; i < 200_000; i++) {
            String a = word(r, interesting);
            String b = r.nextInt(4) == 0 ? a + word(r, interesting) : word(r, interesting);
            assertEquals(Integer.signum(reference(a, b)), Integer.signum(KeyOrder.compareCodePoints(a, b)), a + " vs " + b);
        }
    }

    private static String word(SplittableRandom r, char[] alphabet) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(3) == 0) {
                s.appendCodePoint(0x10000 + r.nextInt(0x100000));
            } else {
                s.append(alphabet[r.nextInt(alphabet.length)]);
            }
        }
        return s.toString();
    }
}
