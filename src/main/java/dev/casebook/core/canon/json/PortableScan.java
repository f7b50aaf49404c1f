package dev.casebook.core.canon.json;

/**
 * Checks, without building anything, that the bytes at an offset hold one strict RFC 8259 value
 * that is portable ({@link PortableTree}), and finds where it ends. The request parse uses it to
 * step over a body that a profile will transcode from its bytes anyway.
 *
 * <p>Contract: {@link #scan} answers with the index after the value when the value is strict JSON, at
 * most {@code maxDepth} (and {@value PortableTree#MAX_DEPTH}) levels deep, with no lone surrogate
 * escape and no number longer than {@value PortableTree#MAX_NUMBER_LENGTH} characters; otherwise
 * null, and the caller parses the value the ordinary way, which gives the precise error if there
 * is one. It may decline more than it must, never vouch for more. Linear; allocates only its answer.
 */
public final class PortableScan {

    /** The bytes a string holds as they are: printable ASCII other than the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private final byte[] in;
    private final int maxDepth;
    private int pos;
    private int deepest;
    private int longestNumber;
    /** One bit per open container, set for an object: enough for {@value PortableTree#MAX_DEPTH} levels. */
    private long objectsLow;
    private long objectsHigh;

    private PortableScan(byte[] in, int maxDepth) {
        this.in = in;
        this.maxDepth = Math.min(maxDepth, PortableTree.MAX_DEPTH);
    }

    /** What a successful scan saw, to merge into the extent of the document around it. */
    public record Scanned(int end, int depth, int longestNumber) {
    }

    /** The value starting at {@code from} (no whitespace before it), or null when it is not one this scan vouches for. */
    public static Scanned scan(byte[] in, int from, int maxDepth) {
        PortableScan scan = new PortableScan(in, maxDepth);
        scan.pos = from;
        return scan.value() ? new Scanned(scan.pos, scan.deepest, scan.longestNumber) : null;
    }

    private boolean value() {
        int depth = 0;
        while (true) {
            skipWhitespace();
            int c = peek();
            if (c == '{' || c == '[') {
                pos++;
                if (depth == maxDepth) {
                    return false;
                }
                boolean object = c == '{';
                skipWhitespace();
                if (peek() == (object ? '}' : ']')) {
                    pos++;
                    deepest = Math.max(deepest, depth + 1);
                } else {
                    setObject(depth, object);
                    depth++;
                    deepest = Math.max(deepest, depth);
                    if (object && !name()) {
                        return false;
                    }
                    continue;
                }
            } else if (!scalar(c)) {
                return false;
            }
            while (true) {
                if (depth == 0) {
                    return true;
                }
                boolean object = isObject(depth - 1);
                skipWhitespace();
                int next = peek();
                if (next == ',') {
                    pos++;
                    if (object && !name()) {
                        return false;
                    }
                    break;
                }
                if (next != (object ? '}' : ']')) {
                    return false;
                }
                pos++;
                depth--;
            }
        }
    }

    private void setObject(int depth, boolean object) {
        if (depth < 64) {
            objectsLow = object ? objectsLow | 1L << depth : objectsLow & ~(1L << depth);
        } else {
            objectsHigh = object ? objectsHigh | 1L << (depth - 64) : objectsHigh & ~(1L << (depth - 64));
        }
    }

    private boolean isObject(int depth) {
        return ((depth < 64 ? objectsLow >>> depth : objectsHigh >>> (depth - 64)) & 1) != 0;
    }

    private boolean name() {
        skipWhitespace();
        if (peek() != '"' || !string()) {
            return false;
        }
        skipWhitespace();
        if (peek() != ':') {
            return false;
        }
        pos++;
        return true;
    }

    private boolean scalar(int c) {
        return switch (c) {
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> (c == '-' || (c >= '0' && c <= '9')) && number();
        };
    }

    private boolean literal(String word) {
        int n = word.length();
        if (pos + n > in.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private boolean number() {
        int end = JsonGrammar.numberEnd(in, pos, in.length);
        if (end < 0) {
            return false;
        }
        int length = end - pos;
        pos = end;
        longestNumber = Math.max(longestNumber, length);
        return length <= PortableTree.MAX_NUMBER_LENGTH;
    }

    /** A string opening at {@code pos}: no raw control characters, known escapes, well-formed UTF-8, surrogate escapes in pairs. */
    private boolean string() {
        int i = pos + 1;
        int n = in.length;
        while (i < n) {
            while (i < n && PLAIN[in[i] & 0xFF]) {
                i++; // most of every string: one table load per byte
            }
            if (i == n) {
                break;
            }
            int b = in[i];
            if (b == '"') {
                pos = i + 1;
                return true;
            }
            if (b < 0) {
                int length = WellFormedUtf8.sequenceLength(in, i);
                if (length == 0) {
                    return false;
                }
                i += length;
            } else if (b == '\\') {
                i = escape(i);
                if (i < 0) {
                    return false;
                }
            } else {
                return false; // a raw control character
            }
        }
        return false;
    }

    /** The escape at {@code at}; returns the index after it, or -1. */
    private int escape(int at) {
        if (at + 1 >= in.length) {
            return -1;
        }
        switch (in[at + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
                return at + 2;
            case 'u':
                int unit = JsonGrammar.hex4(in, at + 2, in.length);
                if (unit < 0 || Character.isLowSurrogate((char) unit)) {
                    return -1;
                }
                if (!Character.isHighSurrogate((char) unit)) {
                    return at + 6;
                }
                if (at + 7 >= in.length || in[at + 6] != '\\' || in[at + 7] != 'u') {
                    return -1;
                }
                int low = JsonGrammar.hex4(in, at + 8, in.length);
                return low >= 0 && Character.isLowSurrogate((char) low) ? at + 12 : -1;
            default:
                return -1;
        }
    }

    private int peek() {
        return pos < in.length ? in[pos] : -1;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }
}
