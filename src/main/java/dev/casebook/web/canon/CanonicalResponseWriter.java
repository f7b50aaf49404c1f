package dev.casebook.web.canon;

import dev.casebook.core.canon.signing.CanonicalResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes a {@link CanonicalResponse} as JSON straight from the result's bytes: the same bytes the
 * service's Jackson mapper writes for {@link CanonicalResponse#of}, without decoding the encoded
 * body and canonical string to UTF-16 and encoding them back. That round trip and the bean
 * serializer were a third of the service's own work per request.
 *
 * <p>Jackson's UTF-8 writer escapes {@code "}, {@code \} and C0 controls, writes other text as
 * UTF-8 except surrogates, which it escapes one code unit at a time in upper-case hex (an astral
 * character becomes an escaped pair). Well-formed UTF-8 bytes are copied under the same rules;
 * ill-formed bytes take the {@code *Base64} twins with a replacement-char text, as
 * {@link CanonicalResponse#of} does. {@code CanonicalResponseWriterTest} holds this to the
 * service's own mapper.
 */
final class CanonicalResponseWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Jackson's escapes for ASCII: null writes the byte as it is. */
    private static final byte[][] ESCAPES = new byte[128][];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = new byte[] {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 0xF]};
        }
        ESCAPES['"'] = new byte[] {'\\', '"'};
        ESCAPES['\\'] = new byte[] {'\\', '\\'};
        ESCAPES['\b'] = new byte[] {'\\', 'b'};
        ESCAPES['\t'] = new byte[] {'\\', 't'};
        ESCAPES['\n'] = new byte[] {'\\', 'n'};
        ESCAPES['\f'] = new byte[] {'\\', 'f'};
        ESCAPES['\r'] = new byte[] {'\\', 'r'};
    }

    private byte[] buf;
    private int size;
    private boolean first = true;

    private CanonicalResponseWriter(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] write(CanonicalResult r) {
        return new CanonicalResponseWriter(2 * (r.encodedBody().length + r.canonical().bytes().length) + 512).response(r);
    }

    private byte[] response(CanonicalResult r) {
        put('{');
        text("profile", r.profile().id());
        text("language", r.profile().language().id());
        bytes("encodedBody", "encodedBodyBase64", r.encodedBody());
        text("encodedQuery", r.encodedQuery());
        text("queryEncoding", r.queryEncoding().id());
        bytes("canonicalString", "canonicalStringBase64", r.canonical().bytes());
        text("token", r.token());
        text("algorithm", r.scheme().algorithm().id());
        text("encoding", r.scheme().encoding().id());
        text("template", r.scheme().template());
        put('}');
        return Arrays.copyOf(buf, size);
    }

    /** A text field; null is left out, as NON_NULL does. */
    private void text(String name, String value) {
        if (value == null) {
            return;
        }
        name(name);
        put('"');
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else if (c < 0x800) {
                put(0xC0 | c >> 6);
                put(0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                put(0xE0 | c >> 12);
                put(0x80 | c >> 6 & 0x3F);
                put(0x80 | c & 0x3F);
            } else {
                unicodeEscape(c);
            }
        }
        put('"');
    }

    /**
     * Bytes as a text field when they are well-formed UTF-8 (copied, escaped), else as the
     * replacement-char text plus the exact bytes in base64 under {@code base64Name}.
     */
    private void bytes(String name, String base64Name, byte[] value) {
        int mark = size;
        boolean wasFirst = first;
        name(name);
        put('"');
        if (wellFormedEscaped(value)) {
            put('"');
            return;
        }
        size = mark;
        first = wasFirst;
        text(name, new String(value, StandardCharsets.UTF_8));
        text(base64Name, Base64.getEncoder().encodeToString(value));
    }

    /**
     * Copies {@code value} escaped; false at the first byte that breaks well-formed UTF-8 (RFC 3629).
     * One tight loop over locals: a JSON body is mostly short runs between quotes, so a call or an
     * array copy per run or per escape costs more than the bytes it moves.
     */
    private boolean wellFormedEscaped(byte[] value) {
        int n = value.length;
        reserve(2 * n); // every byte as it is or as a two-byte escape; longer escapes reserve their own room
        byte[] out = buf;
        int o = size;
        int i = 0;
        while (i < n) {
            int b = value[i];
            if (b >= 0x20) {
                if (b == '"' || b == '\\') {
                    out[o++] = '\\';
                }
                out[o++] = (byte) b;
                i++;
                continue;
            }
            size = o;
            if (b >= 0) {
                reserve(2 * (n - i) + 6);
                ascii(b);
                i++;
            } else {
                int length = sequenceLength(value, i);
                if (length == 0) {
                    return false;
                }
                reserve(2 * (n - i) + 12);
                if (length == 4) {
                    int cp = (b & 0x07) << 18 | (value[i + 1] & 0x3F) << 12 | (value[i + 2] & 0x3F) << 6 | value[i + 3] & 0x3F;
                    unicodeEscape(Character.highSurrogate(cp));
                    unicodeEscape(Character.lowSurrogate(cp));
                } else {
                    for (int k = 0; k < length; k++) {
                        buf[size++] = value[i + k];
                    }
                }
                i += length;
            }
            out = buf;
            o = size;
        }
        size = o;
        return true;
    }

    /** The length of the well-formed multi-byte sequence at {@code i}, or 0 (Unicode table 3-7). */
    private static int sequenceLength(byte[] v, int i) {
        int b0 = v[i] & 0xFF;
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
        if (i + length > v.length) {
            return 0;
        }
        int b1 = v[i + 1] & 0xFF;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int b = v[i + k] & 0xFF;
            if (b < 0x80 || b > 0xBF) {
                return 0;
            }
        }
        return length;
    }

    private void name(String name) {
        reserve(name.length() + 4);
        if (!first) {
            buf[size++] = ',';
        }
        first = false;
        buf[size++] = '"';
        for (int i = 0; i < name.length(); i++) {
            buf[size++] = (byte) name.charAt(i);
        }
        buf[size++] = '"';
        buf[size++] = ':';
    }

    private void ascii(int c) {
        byte[] escape = ESCAPES[c];
        if (escape == null) {
            put(c);
            return;
        }
        reserve(escape.length);
        for (byte e : escape) {
            buf[size++] = e;
        }
    }

    private void unicodeEscape(char c) {
        reserve(6);
        buf[size++] = '\\';
        buf[size++] = 'u';
        buf[size++] = HEX[c >> 12];
        buf[size++] = HEX[c >> 8 & 0xF];
        buf[size++] = HEX[c >> 4 & 0xF];
        buf[size++] = HEX[c & 0xF];
    }

    private void put(int b) {
        if (size == buf.length) {
            reserve(1);
        }
        buf[size++] = (byte) b;
    }

    private void reserve(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
