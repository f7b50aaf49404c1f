package dev.casebook.core.canon.json;

/**
 * Unicode's table of well-formed UTF-8 byte sequences (table 3-7), for fast paths that take
 * well-formed text as it is and leave everything else to a slower, policy-aware path.
 */
public final class WellFormedUtf8 {

    private WellFormedUtf8() {
    }

    /**
     * The length of the well-formed multi-byte sequence starting at {@code at}, or 0 when there is
     * none: an ASCII or continuation byte, an overlong form, a surrogate, a code point past
     * U+10FFFF, or a sequence cut short by the end of {@code bytes}.
     */
    public static int sequenceLength(byte[] bytes, int at) {
        return sequenceLength(bytes, at, bytes.length);
    }

    /** As {@link #sequenceLength(byte[], int)} for the text {@code bytes[..end)}. */
    public static int sequenceLength(byte[] bytes, int at, int end) {
        int b0 = bytes[at] & 0xFF;
        int length;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            lo = b0 == 0xE0 ? 0xA0 : 0x80;
            hi = b0 == 0xED ? 0x9F : 0xBF;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            lo = b0 == 0xF0 ? 0x90 : 0x80;
            hi = b0 == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (at + length > end) {
            return 0;
        }
        int b1 = bytes[at + 1] & 0xFF;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int b = bytes[at + k] & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return 0;
            }
        }
        return length;
    }
}
