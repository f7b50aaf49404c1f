package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.json.JsonGrammar;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.WellFormedUtf8;
import java.nio.charset.StandardCharsets;

/**
 * How one encoder writes a string: a 128-entry table for ASCII (null = the byte itself), one
 * policy for everything above ASCII, and what happens to a lone surrogate. Everything a language
 * does differently with strings is a field here, not a branch in the writer.
 */
public final class StringStyle {

    /** What happens to code units above ASCII. */
    public enum NonAscii {
        /** Written as UTF-8 (JavaScript, Go, Ruby, Jackson's string path). */
        RAW,
        /** Every code unit as lower-case {@code \}{@code uxxxx}, pairs as two escapes (Python, PHP). */
        ESCAPE_LOWER,
        /** Raw, except astral characters as an upper-case escaped surrogate pair (Jackson's byte path). */
        RAW_BMP_ESCAPE_ASTRAL_UPPER,
        /** Every code unit as upper-case {@code \}{@code uXXXX}, pairs as two escapes (System.Text.Json's default encoder). */
        ESCAPE_UPPER
    }

    /** What happens to a UTF-16 surrogate that is not half of a pair. */
    public enum LoneSurrogate {
        ESCAPE_LOWER, ESCAPE_UPPER, QUESTION_MARK, FAIL,
        /**
         * U+DC80..U+DCFF as the single byte 0x80..0xFF it stands for: a reader that keeps ill-formed
         * UTF-8 as it is (Oj) holds each such byte so, and its writer copies bytes back unchanged.
         */
        RAW_BYTE
    }

    private final byte[][] ascii;
    private final NonAscii nonAscii;
    private final boolean escapeLineSeparators;
    private final LoneSurrogate loneSurrogate;
    private final String loneSurrogateError;
    private final String irregularSourceError;
    /** Ranges of BMP characters above ASCII written as lower-case escapes, as pairs of first and last; empty for none. */
    private final char[] escapedRanges;
    private final boolean slashAfterLessThan;
    /** Prefixes whose first character is written as a lower-case escape when a string starts with one; empty for none. */
    private final String[] escapedFirstOf;

    private StringStyle(byte[][] ascii, NonAscii nonAscii, boolean escapeLineSeparators,
                        LoneSurrogate loneSurrogate, String loneSurrogateError, String irregularSourceError,
                        char[] escapedRanges, boolean slashAfterLessThan, String[] escapedFirstOf) {
        this.escapedFirstOf = escapedFirstOf;
        this.escapedRanges = escapedRanges;
        this.slashAfterLessThan = slashAfterLessThan;
        this.ascii = ascii;
        this.nonAscii = nonAscii;
        this.escapeLineSeparators = escapeLineSeparators;
        this.loneSurrogate = loneSurrogate;
        this.loneSurrogateError = loneSurrogateError;
        this.irregularSourceError = irregularSourceError;
    }

    /** {@code " \ \b \f \n \r \t} and {@code \}{@code u00xx} for the other C0 controls: what almost every encoder writes. */
    public static Builder standard() {
        return new Builder();
    }

    public NonAscii nonAscii() {
        return nonAscii;
    }

    /** Whether {@link #writeJsonText} writes what {@link #write(String, ByteSink)} does: not for escapes that hang on a range or on context. */
    boolean streamable() {
        return escapedRanges.length == 0 && !slashAfterLessThan && escapedFirstOf.length == 0;
    }

    /** The ASCII table: per byte below 0x80, its escape, or null for the byte itself. Not to be changed. */
    byte[][] asciiEscapes() {
        return ascii;
    }

    public void write(JsonValue.Str str, ByteSink out) throws LanguageFailure {
        if (str.irregularSource() && irregularSourceError != null) {
            throw LanguageFailure.encode(irregularSourceError);
        }
        write(str.value(), out);
    }

    /**
     * Writes the string whose JSON text starts at {@code json[from]} (after the opening quote) as
     * {@link #write(String, ByteSink)} writes its decoded value, without decoding it first: the
     * transcoder's way, in one pass. Returns the index of the closing quote, or -1 (having written
     * part of it) when the text is not strict, portable string content: a raw control character,
     * an unknown escape, a surrogate escape not in a pair, ill-formed UTF-8, or no closing quote
     * before {@code end}.
     */
    int writeJsonText(byte[] json, int from, int end, ByteSink out) {
        out.reserve(1);
        out.put('"');
        int i = from;
        while (i < end) {
            // Plain ASCII in chunks, with room for the chunk and for the longest escape after it (a pair, twelve bytes);
            // short chunks, since the end of the string is not known yet and room reserved past it would grow the sink.
            int chunkEnd = Math.min(end, i + 64);
            out.reserve(chunkEnd - i + 12);
            i = out.putPlainAscii(json, i, chunkEnd, ascii);
            if (i == chunkEnd) {
                continue;
            }
            int b = json[i];
            if (b == '"') {
                out.put('"');
                return i;
            }
            if (b == '\\') {
                i = escape(json, i, end, out);
                if (i < 0) {
                    return -1;
                }
            } else if (b >= 0x20) {
                out.put(ascii[b]); // plain ASCII stopped here, so it has an escape
                i++;
            } else if (b >= 0) {
                return -1; // a raw control character
            } else {
                int length = WellFormedUtf8.sequenceLength(json, i, end);
                if (length == 0) {
                    return -1;
                }
                int cp = switch (length) {
                    case 2 -> (b & 0x1F) << 6 | json[i + 1] & 0x3F;
                    case 3 -> (b & 0x0F) << 12 | (json[i + 1] & 0x3F) << 6 | json[i + 2] & 0x3F;
                    default -> (b & 0x07) << 18 | (json[i + 1] & 0x3F) << 12 | (json[i + 2] & 0x3F) << 6 | json[i + 3] & 0x3F;
                };
                if (nonAscii == NonAscii.RAW && !(escapeLineSeparators && (cp == 0x2028 || cp == 0x2029))) {
                    for (int k = 0; k < length; k++) {
                        out.put(json[i + k]); // already the UTF-8 it would be written as
                    }
                } else if (cp >= 0x10000) {
                    pair(Character.highSurrogate(cp), Character.lowSurrogate(cp), out);
                } else {
                    unit((char) cp, out);
                }
                i += length;
            }
        }
        return -1;
    }

    /**
     * Writes the UTF-8 text {@code src[from..to)}, unquoted, as {@link #write(String, ByteSink)}
     * writes the string it decodes to, without decoding it: for text that is bytes already, such as
     * an encoded body a response carries. Returns false, having written part of it, at the first
     * byte that breaks well-formed UTF-8 (RFC 3629), where a caller needs a way of its own; a lone
     * surrogate cannot occur. A slash after {@code <} is seen only within the range.
     */
    boolean writeUtf8(byte[] src, int from, int to, ByteSink out) {
        int i = from;
        if (startsWithEscapedPrefix(src, from, to)) {
            out.writeUnicodeEscape((char) src[from], false);
            i++;
        }
        while (i < to) {
            // Plain ASCII in chunks with room for the longest way to write each byte (an escape, six
            // bytes) and a pair of escapes running past the chunk: no check per byte inside it.
            int chunkEnd = Math.min(to, i + 4096);
            out.reserve(6 * (chunkEnd - i) + 12);
            while (i < chunkEnd) {
                i = out.putPlainAscii(src, i, chunkEnd, ascii);
                if (i == chunkEnd) {
                    break;
                }
                int b = src[i];
                if (b >= 0) {
                    boolean slashAfterTag = b == '/' && slashAfterLessThan && i > from && src[i - 1] == '<';
                    out.put(slashAfterTag ? SLASH : ascii[b]); // plain ASCII stopped here, so it has an escape
                    i++;
                    continue;
                }
                int length = WellFormedUtf8.sequenceLength(src, i, to);
                if (length == 0) {
                    return false;
                }
                int cp = switch (length) {
                    case 2 -> (b & 0x1F) << 6 | src[i + 1] & 0x3F;
                    case 3 -> (b & 0x0F) << 12 | (src[i + 1] & 0x3F) << 6 | src[i + 2] & 0x3F;
                    default -> (b & 0x07) << 18 | (src[i + 1] & 0x3F) << 12 | (src[i + 2] & 0x3F) << 6 | src[i + 3] & 0x3F;
                };
                if (cp >= 0x10000) {
                    pair(Character.highSurrogate(cp), Character.lowSurrogate(cp), out);
                } else if ((nonAscii == NonAscii.RAW || nonAscii == NonAscii.RAW_BMP_ESCAPE_ASTRAL_UPPER)
                        && !escapeLineSeparators && escapedRanges.length == 0) {
                    out.putRange(src, i, i + length); // already the UTF-8 it would be written as
                } else {
                    unit((char) cp, out); // one rule for a unit, from text or from bytes
                }
                i += length;
            }
        }
        return true;
    }

    /** Writes the escape at {@code json[at]} as its unit (or pair) would be written; returns the index after it, or -1. */
    private int escape(byte[] json, int at, int end, ByteSink out) {
        if (at + 1 >= end) {
            return -1;
        }
        int e = json[at + 1];
        switch (e) {
            case '"', '\\', '/' -> unit((char) e, out);
            case 'b' -> unit('\b', out);
            case 'f' -> unit('\f', out);
            case 'n' -> unit('\n', out);
            case 'r' -> unit('\r', out);
            case 't' -> unit('\t', out);
            case 'u' -> {
                int unit = JsonGrammar.hex4(json, at + 2, end);
                if (unit < 0 || Character.isLowSurrogate((char) unit)) {
                    return -1; // a lone low surrogate: languages differ
                }
                if (!Character.isHighSurrogate((char) unit)) {
                    unit((char) unit, out);
                    return at + 6;
                }
                int low = at + 7 < end && json[at + 6] == '\\' && json[at + 7] == 'u' ? JsonGrammar.hex4(json, at + 8, end) : -1;
                if (low < 0 || !Character.isLowSurrogate((char) low)) {
                    return -1;
                }
                pair((char) unit, (char) low, out);
                return at + 12;
            }
            default -> {
                return -1;
            }
        }
        return at + 2;
    }

    /** One UTF-16 unit that is not a surrogate, as {@link #write(String, ByteSink)} writes it. */
    private void unit(char c, ByteSink out) {
        if (c < 0x80) {
            byte[] escape = ascii[c];
            if (escape == null) {
                out.put(c);
            } else {
                out.put(escape);
            }
        } else if (nonAscii == NonAscii.ESCAPE_UPPER) {
            out.writeUnicodeEscape(c, true);
        } else if (nonAscii == NonAscii.ESCAPE_LOWER || (escapeLineSeparators && (c == '\u2028' || c == '\u2029'))
                || inEscapedRange(c)) {
            out.writeUnicodeEscape(c, false);
        } else {
            out.writeCodePoint(c);
        }
    }

    private boolean inEscapedRange(char c) {
        for (int k = 0; k < escapedRanges.length; k += 2) {
            if (c >= escapedRanges[k] && c <= escapedRanges[k + 1]) {
                return true;
            }
        }
        return false;
    }

    private static final byte[] SLASH = {'\\', '/'};

    private void pair(char high, char low, ByteSink out) {
        switch (nonAscii) {
            case RAW -> out.writeCodePoint(Character.toCodePoint(high, low));
            case ESCAPE_LOWER -> {
                out.writeUnicodeEscape(high, false);
                out.writeUnicodeEscape(low, false);
            }
            case RAW_BMP_ESCAPE_ASTRAL_UPPER, ESCAPE_UPPER -> {
                out.writeUnicodeEscape(high, true);
                out.writeUnicodeEscape(low, true);
            }
        }
    }

    /** Writes a string from well-formed source (see {@link JsonValue.Str#irregularSource()}). */
    void write(String s, ByteSink out) throws LanguageFailure {
        int n = s.length();
        // Six bytes per UTF-16 unit covers the longest form of any unit (an escape), plus quotes.
        out.reserve(6 * n + 2);
        out.put('"');
        int start = 0;
        if (startsWithEscapedPrefix(s)) {
            out.writeUnicodeEscape(s.charAt(0), false);
            start = 1;
        }
        for (int i = out.putPlainAscii(s, start, ascii); i < n; i = out.putPlainAscii(s, i + 1, ascii)) {
            char c = s.charAt(i);
            if (c == '/' && slashAfterLessThan) {
                out.put(i > 0 && s.charAt(i - 1) == '<' ? SLASH : ascii[c]);
            } else if (c < 0x80) {
                out.put(ascii[c]); // plain ASCII stopped here, so it has an escape
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                pair(c, s.charAt(++i), out);
            } else if (Character.isSurrogate(c)) {
                loneSurrogate(c, out);
            } else {
                unit(c, out);
            }
        }
        out.put('"');
    }

    /** As {@link #startsWithEscapedPrefix(String)}, for UTF-8 bytes (the prefixes are ASCII). */
    private boolean startsWithEscapedPrefix(byte[] src, int from, int to) {
        for (String prefix : escapedFirstOf) {
            if (to - from >= prefix.length()) {
                boolean match = true;
                for (int k = 0; k < prefix.length() && match; k++) {
                    match = src[from + k] == prefix.charAt(k);
                }
                if (match) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean startsWithEscapedPrefix(String s) {
        for (String prefix : escapedFirstOf) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void loneSurrogate(char c, ByteSink out) throws LanguageFailure {
        switch (loneSurrogate) {
            case ESCAPE_LOWER -> out.writeUnicodeEscape(c, false);
            case ESCAPE_UPPER -> out.writeUnicodeEscape(c, true);
            case QUESTION_MARK -> out.write('?');
            case FAIL -> throw LanguageFailure.encode(String.format(loneSurrogateError, (int) c));
            case RAW_BYTE -> {
                if (c >= 0xDC80 && c <= 0xDCFF) {
                    out.write(c - 0xDC00);
                } else {
                    out.writeUnicodeEscape(c, false);
                }
            }
        }
    }

    /** Builds a style from the standard escapes; each method names one language's deviation. */
    public static final class Builder {
        private final byte[][] ascii = new byte[128][];
        private boolean upperHex;
        private NonAscii nonAscii = NonAscii.RAW;
        private boolean escapeLineSeparators;
        private LoneSurrogate loneSurrogate = LoneSurrogate.ESCAPE_LOWER;
        private String loneSurrogateError;
        private String irregularSourceError;
        private boolean escapeDel;
        private boolean escapeSlash;
        private boolean escapeHtml;
        private String hexEscaped = "";
        private String hexEscapedUpper = "";
        private char[] escapedRanges = new char[0];
        private boolean slashAfterLessThan;
        private String[] escapedFirstOf = new String[0];

        private Builder() {
        }

        /** Each of these ASCII characters as a {@code \}{@code u00xx} escape (Gson's HTML-safe set {@code <>&='}). */
        public Builder hexEscape(String asciiCharacters) {
            hexEscaped += asciiCharacters;
            return this;
        }

        /** As {@link #hexEscape(String)}, always in upper-case hex whatever the other escapes use (PHP's {@code JSON_HEX_*} flags). */
        public Builder hexEscapeUpper(String asciiCharacters) {
            hexEscapedUpper += asciiCharacters;
            return this;
        }

        /** Characters {@code first}..{@code last} (BMP, above ASCII) as lower-case escapes even where other non-ASCII is raw (org.json). */
        public Builder escapeRange(char first, char last) {
            escapedRanges = java.util.Arrays.copyOf(escapedRanges, escapedRanges.length + 2);
            escapedRanges[escapedRanges.length - 2] = first;
            escapedRanges[escapedRanges.length - 1] = last;
            return this;
        }

        /** {@code /} as {@code \/} only right after {@code <}, so that {@code </script>} cannot close an HTML script (org.json). */
        public Builder escapeSlashAfterLessThan() {
            slashAfterLessThan = true;
            return this;
        }

        /**
         * The first character of a string that starts with one of {@code prefixes} as a lower-case
         * escape: Oj's object mode marks symbols with a leading {@code :} and references with
         * {@code ^r} / {@code ^i}, so it escapes those in plain strings to keep them plain.
         */
        public Builder escapeFirstCharOf(String... prefixes) {
            escapedFirstOf = prefixes.clone();
            return this;
        }

        /** {@code \}{@code u001F} rather than {@code \}{@code u001f} (Jackson). */
        public Builder upperCaseHex() {
            upperHex = true;
            return this;
        }

        /** DEL (0x7f) as {@code \}{@code u007f} (Python with ensure_ascii). */
        public Builder escapeDel() {
            escapeDel = true;
            return this;
        }

        /** {@code /} as {@code \/} (PHP without JSON_UNESCAPED_SLASHES). */
        public Builder escapeSlash() {
            escapeSlash = true;
            return this;
        }

        /** {@code < > &} as {@code \}{@code u003c \}{@code u003e \}{@code u0026} (Go's HTML-safe default). */
        public Builder escapeHtml() {
            escapeHtml = true;
            return this;
        }

        /** U+2028 and U+2029 escaped even where other non-ASCII is raw (Go, PHP). */
        public Builder escapeLineSeparators() {
            escapeLineSeparators = true;
            return this;
        }

        public Builder nonAscii(NonAscii policy) {
            nonAscii = policy;
            return this;
        }

        public Builder loneSurrogate(LoneSurrogate policy) {
            loneSurrogate = policy;
            return this;
        }

        /** Lone surrogates are an encode error; {@code message} is a format with {@code %04x} for the unit. */
        public Builder failOnLoneSurrogate(String message) {
            loneSurrogate = LoneSurrogate.FAIL;
            loneSurrogateError = message;
            return this;
        }

        /** Strings whose source bytes were irregular UTF-8 are an encode error with this message. */
        public Builder failOnIrregularSource(String message) {
            irregularSourceError = message;
            return this;
        }

        public StringStyle build() {
            for (int c = 0; c < 0x20; c++) {
                ascii[c] = hexEscape(c);
            }
            ascii['\b'] = bytes("\\b");
            ascii['\f'] = bytes("\\f");
            ascii['\n'] = bytes("\\n");
            ascii['\r'] = bytes("\\r");
            ascii['\t'] = bytes("\\t");
            ascii['"'] = bytes("\\\"");
            ascii['\\'] = bytes("\\\\");
            if (escapeDel) {
                ascii[0x7f] = hexEscape(0x7f);
            }
            if (escapeSlash) {
                ascii['/'] = bytes("\\/");
            }
            if (escapeHtml) {
                ascii['<'] = hexEscape('<');
                ascii['>'] = hexEscape('>');
                ascii['&'] = hexEscape('&');
            }
            for (char c : hexEscaped.toCharArray()) {
                ascii[c] = hexEscape(c);
            }
            for (char c : hexEscapedUpper.toCharArray()) {
                ascii[c] = bytes(String.format("\\u%04X", (int) c));
            }
            if (slashAfterLessThan && ascii['/'] == null) {
                ascii['/'] = bytes("/"); // not plain: the writer looks at the character before it
            }
            return new StringStyle(ascii, nonAscii, escapeLineSeparators, loneSurrogate, loneSurrogateError,
                    irregularSourceError, escapedRanges, slashAfterLessThan, escapedFirstOf);
        }

        private byte[] hexEscape(int c) {
            return bytes(String.format(upperHex ? "\\u%04X" : "\\u%04x", c));
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
