package dev.casebook.core.canon.encode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer the encoder writes into; avoids a stream per call on the hot path. */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    /** Reserves room for {@code extra} more bytes, so that {@link #put} may skip the check. */
    public void reserve(int extra) {
        ensure(extra);
    }

    /** Appends a byte within room already {@link #reserve reserved}. */
    public void put(int b) {
        buf[size++] = (byte) b;
    }

    /** Appends bytes within room already {@link #reserve reserved}. */
    public void put(byte[] bytes) {
        int n = bytes.length;
        if (n <= 8) { // separators and escapes
            putRange(bytes, 0, n);
        } else {
            System.arraycopy(bytes, 0, buf, size, n);
            size += n;
        }
    }

    /** Appends {@code src[from..to)} within room already {@link #reserve reserved}; for short runs (names), where a loop beats a copy call. */
    public void putRange(byte[] src, int from, int to) {
        byte[] b = buf;
        int o = size;
        for (int i = from; i < to; i++) {
            b[o++] = src[i];
        }
        size = o;
    }

    /**
     * Appends the characters of {@code s} from {@code from} as single bytes for as long as each is
     * ASCII with no entry in {@code escapes}, within room already {@link #reserve reserved}; returns
     * the index where it stopped. Most of any string's characters go through here, so it keeps the
     * buffer and size in locals.
     */
    public int putPlainAscii(String s, int from, byte[][] escapes) {
        byte[] b = buf;
        int o = size;
        int n = s.length();
        int i = from;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || escapes[c] != null) {
                break;
            }
            b[o++] = (byte) c;
        }
        size = o;
        return i;
    }

    /** As {@link #putPlainAscii(String, int, byte[][])}, from the bytes {@code src[from..to)}. */
    public int putPlainAscii(byte[] src, int from, int to, byte[][] escapes) {
        byte[] b = buf;
        int o = size;
        int i = from;
        for (; i < to; i++) {
            byte c = src[i];
            if (c < 0 || escapes[c] != null) {
                break;
            }
            b[o++] = c;
        }
        size = o;
        return i;
    }

    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    public void write(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, size, length);
        size += length;
    }

    public void write(byte[] bytes) {
        ensure(bytes.length);
        put(bytes);
    }

    /** Writes characters known to be ASCII (numbers, separators). */
    public void writeAscii(CharSequence s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int o = size;
        for (int i = 0; i < n; i++) {
            b[o++] = (byte) s.charAt(i);
        }
        size = o;
    }

    /** Writes {@code chars[0..n)}, known to be ASCII. */
    public void writeAscii(char[] chars, int n) {
        ensure(n);
        byte[] b = buf;
        int o = size;
        for (int i = 0; i < n; i++) {
            b[o + i] = (byte) chars[i];
        }
        size = o + n;
    }

    public void writeCodePoint(int cp) {
        ensure(4);
        if (cp < 0x80) {
            buf[size++] = (byte) cp;
        } else if (cp < 0x800) {
            buf[size++] = (byte) (0xC0 | cp >> 6);
            buf[size++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            buf[size++] = (byte) (0xE0 | cp >> 12);
            buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[size++] = (byte) (0x80 | cp & 0x3F);
        } else {
            buf[size++] = (byte) (0xF0 | cp >> 18);
            buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
            buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[size++] = (byte) (0x80 | cp & 0x3F);
        }
    }

    /** Writes {@code \}{@code uXXXX} for one UTF-16 code unit. */
    public void writeUnicodeEscape(char c, boolean upper) {
        ensure(6);
        byte[] digits = upper ? UPPER : LOWER;
        buf[size++] = '\\';
        buf[size++] = 'u';
        buf[size++] = digits[c >> 12 & 0xF];
        buf[size++] = digits[c >> 8 & 0xF];
        buf[size++] = digits[c >> 4 & 0xF];
        buf[size++] = digits[c & 0xF];
    }

    private static final byte[] LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    public int size() {
        return size;
    }

    public int capacity() {
        return buf.length;
    }

    /** Drops what was written after {@code mark}, a {@link #size()} taken earlier. */
    public void truncate(int mark) {
        highWater = Math.max(highWater, size);
        size = mark;
    }

    /** Appends a copy of {@code [from, to)} of what this sink holds. */
    public void writeWritten(int from, int to) {
        ensure(to - from);
        System.arraycopy(buf, from, buf, size, to - from);
        size += to - from;
    }

    /**
     * Empties the sink for reuse, zeroing every byte it was given since it was last cleared (those
     * {@link #truncate dropped} too): a sink kept between uses keeps nothing secret that it wrote.
     */
    public void clear() {
        Arrays.fill(buf, 0, Math.min(buf.length, Math.max(highWater, size)), (byte) 0);
        size = 0;
        highWater = 0;
    }

    /** The most this sink held before a {@link #truncate}, for {@link #clear()}. */
    private int highWater;

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
