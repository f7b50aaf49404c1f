package dev.casebook.web.canon;

import dev.casebook.core.canon.json.WellFormedUtf8;
import dev.casebook.core.canon.signing.CanonicalResult;
import dev.casebook.core.canon.signing.SigningScheme;
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

    /** Where the encoded body's escaped text lies in {@link #buf}, once written; -1 when it was not well-formed. */
    private int escapedBodyStart = -1;
    private int escapedBodyEnd = -1;

    /**
     * Each thread writes its responses in one buffer kept between requests, and only the exact
     * answer is a new array: the working buffer was a tenth of all the service allocated per
     * request. One that grew past {@link #KEPT_BUFFER} for a large body is not kept, and one that is
     * kept is cleared after each use.
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[8 * 1024]);
    private static final int KEPT_BUFFER = 256 * 1024;

    private CanonicalResponseWriter(byte[] buf) {
        this.buf = buf;
    }

    static byte[] write(CanonicalResult r) {
        int body = r.encodedBody().length;
        int canonical = r.canonical().bytes().length;
        // Room for both texts with an escape in every eighth byte, about what JSON bodies hold.
        int estimate = body + canonical + (body + canonical) / 8 + 512;
        byte[] kept = BUFFERS.get();
        CanonicalResponseWriter writer = new CanonicalResponseWriter(kept.length >= estimate ? kept : new byte[estimate]);
        byte[] json = writer.response(r);
        // The canonical string holds the auth token: a buffer that outlives the request keeps none of it.
        Arrays.fill(writer.buf, 0, writer.size, (byte) 0);
        if (writer.buf != kept && writer.buf.length <= KEPT_BUFFER) {
            BUFFERS.set(writer.buf);
        }
        return json;
    }

    private byte[] response(CanonicalResult r) {
        put('{');
        text("profile", r.profile().id());
        text("language", r.profile().language().id());
        encodedBody(r.encodedBody());
        text("encodedQuery", r.encodedQuery());
        text("queryEncoding", r.queryEncoding().id());
        canonicalString(r.canonical(), r.encodedBody());
        text("token", r.token());
        text("algorithm", r.scheme().algorithm().id());
        text("encoding", r.scheme().encoding().id());
        text("template", r.scheme().template());
        put('}');
        return Arrays.copyOf(buf, size);
    }

    private void encodedBody(byte[] body) {
        int start = bytes("encodedBody", "encodedBodyBase64", body);
        if (start >= 0) {
            escapedBodyStart = start;
            escapedBodyEnd = size - 1; // before the closing quote
        }
    }

    /**
     * The canonical string, usually the encoded body with credentials and query around it: the body
     * spans are copied from the body already escaped above rather than escaped a second time. That
     * gives the same bytes, since well-formed pieces make well-formed text and escaping goes
     * sequence by sequence; a piece that is not well-formed sends the whole to the general path.
     */
    private void canonicalString(SigningScheme.Canonical canonical, byte[] body) {
        byte[] value = canonical.bytes();
        if (escapedBodyStart >= 0) {
            int mark = size;
            boolean wasFirst = first;
            name("canonicalString");
            put('"');
            int from = 0;
            boolean ok = true;
            for (int[] span : canonical.bodySpans()) {
                ok = Arrays.equals(value, span[0], span[1], body, 0, body.length) && wellFormedEscaped(value, from, span[0]);
                if (!ok) {
                    break;
                }
                int length = escapedBodyEnd - escapedBodyStart;
                reserve(length);
                System.arraycopy(buf, escapedBodyStart, buf, size, length);
                size += length;
                from = span[1];
            }
            if (ok && wellFormedEscaped(value, from, value.length)) {
                put('"');
                return;
            }
            size = mark;
            first = wasFirst;
        }
        bytes("canonicalString", "canonicalStringBase64", value);
    }

    /** A text field; null is left out, as NON_NULL does. */
    private void text(String name, String value) {
        if (value == null) {
            return;
        }
        name(name);
        int n = value.length();
        reserve(6 * n + 2); // no character takes more than an escape's six bytes
        byte[] out = buf;
        int o = size;
        out[o++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                byte[] escape = ESCAPES[c];
                if (escape == null) {
                    out[o++] = (byte) c;
                } else {
                    for (byte e : escape) {
                        out[o++] = e;
                    }
                }
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                out[o++] = (byte) (0xE0 | c >> 12);
                out[o++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | c & 0x3F);
            } else {
                o = unicodeEscape(out, o, c);
            }
        }
        out[o++] = '"';
        size = o;
    }

    /**
     * Bytes as a text field when they are well-formed UTF-8 (copied, escaped), else as the
     * replacement-char text plus the exact bytes in base64 under {@code base64Name}. Returns where
     * the escaped text starts in {@link #buf}, or -1 when the bytes took the base64 twins.
     */
    private int bytes(String name, String base64Name, byte[] value) {
        int mark = size;
        boolean wasFirst = first;
        name(name);
        put('"');
        int start = size;
        if (wellFormedEscaped(value, 0, value.length)) {
            put('"');
            return start;
        }
        size = mark;
        first = wasFirst;
        text(name, new String(value, StandardCharsets.UTF_8));
        text(base64Name, Base64.getEncoder().encodeToString(value));
        return -1;
    }

    /**
     * Copies {@code value[from..to)} escaped; false at the first byte that breaks well-formed UTF-8
     * (RFC 3629). Works in chunks with room reserved for the worst case (a control character
     * grows six times), so the loop over a chunk writes through locals with no check or call per
     * escape: a JSON body has a quote every few bytes.
     */
    private boolean wellFormedEscaped(byte[] value, int from, int to) {
        int i = from;
        while (i < to) {
            int chunkEnd = Math.min(to, i + 4096);
            reserve(6 * (chunkEnd - i) + 12); // and a four-byte sequence (two escapes) that runs past the chunk
            byte[] out = buf;
            int o = size;
            while (i < chunkEnd) {
                int b = value[i];
                if (b >= 0x20 && b != '"' && b != '\\') {
                    out[o++] = (byte) b;
                    i++;
                } else if (b >= 0x20) {
                    out[o] = '\\'; // a quote or a backslash: the common escapes of JSON text, written without the table
                    out[o + 1] = (byte) b;
                    o += 2;
                    i++;
                } else if (b >= 0) {
                    byte[] escape = ESCAPES[b];
                    for (byte e : escape) {
                        out[o++] = e;
                    }
                    i++;
                } else {
                    int length = WellFormedUtf8.sequenceLength(value, i, to);
                    if (length == 0) {
                        size = o;
                        return false;
                    }
                    if (length == 4) {
                        int cp = (b & 0x07) << 18 | (value[i + 1] & 0x3F) << 12 | (value[i + 2] & 0x3F) << 6 | value[i + 3] & 0x3F;
                        o = unicodeEscape(out, o, Character.highSurrogate(cp));
                        o = unicodeEscape(out, o, Character.lowSurrogate(cp));
                    } else {
                        for (int k = 0; k < length; k++) {
                            out[o++] = value[i + k];
                        }
                    }
                    i += length;
                }
            }
            size = o;
        }
        return true;
    }

    private static int unicodeEscape(byte[] out, int o, char c) {
        out[o] = '\\';
        out[o + 1] = 'u';
        out[o + 2] = HEX[c >> 12];
        out[o + 3] = HEX[c >> 8 & 0xF];
        out[o + 4] = HEX[c >> 4 & 0xF];
        out[o + 5] = HEX[c & 0xF];
        return o + 6;
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
