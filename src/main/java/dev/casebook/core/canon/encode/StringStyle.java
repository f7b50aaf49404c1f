package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.json.JsonValue;
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
        RAW_BMP_ESCAPE_ASTRAL_UPPER
    }

    /** What happens to a UTF-16 surrogate that is not half of a pair. */
    public enum LoneSurrogate { ESCAPE_LOWER, ESCAPE_UPPER, QUESTION_MARK, FAIL }

    private final byte[][] ascii;
    private final NonAscii nonAscii;
    private final boolean escapeLineSeparators;
    private final LoneSurrogate loneSurrogate;
    private final String loneSurrogateError;
    private final String irregularSourceError;

    private StringStyle(byte[][] ascii, NonAscii nonAscii, boolean escapeLineSeparators,
                        LoneSurrogate loneSurrogate, String loneSurrogateError, String irregularSourceError) {
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

    public void write(JsonValue.Str str, ByteSink out) throws LanguageFailure {
        if (str.irregularSource() && irregularSourceError != null) {
            throw LanguageFailure.encode(irregularSourceError);
        }
        String s = str.value();
        int n = s.length();
        // Six bytes per UTF-16 unit covers the longest form of any unit (an escape), plus quotes.
        out.reserve(6 * n + 2);
        out.put('"');
        for (int i = out.putPlainAscii(s, 0, ascii); i < n; i = out.putPlainAscii(s, i + 1, ascii)) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put(ascii[c]); // plain ASCII stopped here, so it has an escape
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                char low = s.charAt(++i);
                switch (nonAscii) {
                    case RAW -> out.writeCodePoint(Character.toCodePoint(c, low));
                    case ESCAPE_LOWER -> {
                        out.writeUnicodeEscape(c, false);
                        out.writeUnicodeEscape(low, false);
                    }
                    case RAW_BMP_ESCAPE_ASTRAL_UPPER -> {
                        out.writeUnicodeEscape(c, true);
                        out.writeUnicodeEscape(low, true);
                    }
                }
            } else if (Character.isSurrogate(c)) {
                loneSurrogate(c, out);
            } else if (nonAscii == NonAscii.ESCAPE_LOWER || (escapeLineSeparators && (c == '\u2028' || c == '\u2029'))) {
                out.writeUnicodeEscape(c, false);
            } else {
                out.writeCodePoint(c);
            }
        }
        out.put('"');
    }

    private void loneSurrogate(char c, ByteSink out) throws LanguageFailure {
        switch (loneSurrogate) {
            case ESCAPE_LOWER -> out.writeUnicodeEscape(c, false);
            case ESCAPE_UPPER -> out.writeUnicodeEscape(c, true);
            case QUESTION_MARK -> out.write('?');
            case FAIL -> throw LanguageFailure.encode(String.format(loneSurrogateError, (int) c));
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

        private Builder() {
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
            return new StringStyle(ascii, nonAscii, escapeLineSeparators, loneSurrogate, loneSurrogateError,
                    irregularSourceError);
        }

        private byte[] hexEscape(int c) {
            return bytes(String.format(upperHex ? "\\u%04X" : "\\u%04x", c));
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }
}
