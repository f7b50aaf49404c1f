package dev.casebook.core.canon.json;

/**
 * Pieces of RFC 8259's grammar for readers that only need to know where a token ends, not why
 * it is wrong (the scan, the transcoder, the diagnosis of an escape); {@link JsonParser} reads the
 * same grammar with an error for each way to break it.
 */
public final class JsonGrammar {

    private JsonGrammar() {
    }

    /** The index after the number that starts at {@code from} ({@code -?int frac? exp?}), or -1 when none does. */
    public static int numberEnd(byte[] in, int from, int end) {
        int i = from < end && in[from] == '-' ? from + 1 : from;
        if (i < end && in[i] == '0') {
            i++;
        } else if (i < end && in[i] >= '1' && in[i] <= '9') {
            i = digitsEnd(in, i, end);
        } else {
            return -1;
        }
        if (i < end && in[i] == '.') {
            int digits = i + 1;
            i = digitsEnd(in, digits, end);
            if (i == digits) {
                return -1;
            }
        }
        if (i < end && (in[i] == 'e' || in[i] == 'E')) {
            int digits = i + 1 < end && (in[i + 1] == '+' || in[i + 1] == '-') ? i + 2 : i + 1;
            i = digitsEnd(in, digits, end);
            if (i == digits) {
                return -1;
            }
        }
        return i;
    }

    /** The four hex digits at {@code at} as a UTF-16 unit (a {@code \}{@code u} escape's), or -1. */
    public static int hex4(byte[] in, int at, int end) {
        if (at + 4 > end) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = hexDigit(in[at + k]);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** As {@link #hex4(byte[], int, int)} over decoded text: ASCII hex digits only, as Java's JSON libraries read them. */
    public static int hex4(String text, int at) {
        if (at + 4 > text.length()) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            char c = text.charAt(at + k);
            int d = c < 0x80 ? hexDigit(c) : -1;
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }

    /** The value of an ASCII hex digit of either case, or -1 for any other byte or character. */
    public static int hexDigit(int c) {
        return Character.digit(c, 16);
    }

    private static int digitsEnd(byte[] in, int from, int end) {
        int i = from;
        while (i < end && in[i] >= '0' && in[i] <= '9') {
            i++;
        }
        return i;
    }
}
