package dev.casebook.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates JSON request bodies that stress encoders where they differ: unicode of every kind
 * (astral, escaped pairs, lone surrogates, U+2028, DEL, controls), integers past 2^53 and 2^64,
 * floats across the whole exponent range in every lexeme style, -0, duplicate and array-index
 * keys, nesting, odd whitespace — and about one body in eight that some parsers refuse (a BOM,
 * ill-formed UTF-8, NaN, trailing data, a trailing comma). Deterministic for a seed.
 */
public final class RandomJsonBodies {

    private static final String[] WORDS = {"a", "b", "id", "url", "amount", "z", "A", "_", "aa", "B", "name", "x y"};
    private static final String[] INDEX_KEYS = {"0", "1", "2", "10", "01", "-1", "4294967294", "4294967295", "9007199254740993"};
    private static final String[] UNICODE_KEYS = {"é", "\u00c9", "中文", "\ud83d\ude00", "\uff61", "\u20ac", "\ufb33", "\u0080", " "};
    private static final String[] MAGIC_NUMBERS = {"0", "-0", "1", "-1", "0.0", "-0.0", "1.0", "100.0", "12.50", "1e0", "1E2",
        "1.0E+2", "10E-1", "0.1e1", "1e7", "1e15", "1e16", "1e+16", "1e17", "1e20", "1e21", "1E21", "1e22", "1e23", "2e23",
        "8.41e21", "0.001", "0.0001", "1e-5", "0.000001", "1e-7", "5e-324", "2.2250738585072014e-308",
        "1.7976931348623157e308", "9007199254740993", "9007199254740993.0", "12345678901234567890", "-9223372036854775808",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "0.30000000000000004", "2.675", "1e-400",
        "123456789012345678901234567890.5", "1e400", "-1e400"};
    private static final String[] RAW_CHARS = {"é", "ü", "ß", "中", "日本", "\u2028", "\u2029", "\ufeff", "\u00a0", "\u00ad", "\uffff",
        "\ufffd", "\ud83d\ude00", "\ud835\udc00", "\u007f", "\u0080", "\u200d", "☃"};
    private static final String[] SIMPLE_ESCAPES = {"\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r"};
    private static final String[] PUNCTUATION = {"/", "<", ">", "&", "'", "+", "~", "*", " ", "`", "=", "?", "%", "#", ":", ",", "{", "]"};

    /** Marks where an ill-formed UTF-8 sequence goes; a private-use character no other rule emits. */
    private static final char BAD_UTF8 = '\ue000';
    private static final byte[][] BAD_SEQUENCES = {
        {(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0xbd, (byte) 0xed, (byte) 0xb8, (byte) 0x80},
        {(byte) 0xe4, (byte) 0xb8}, {(byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};

    private final SplittableRandom random;
    private int maxDepth;
    private boolean allowIllFormed;

    public RandomJsonBodies(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public List<byte[]> next(int count) {
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(next());
        }
        return bodies;
    }

    public byte[] next() {
        int kind = random.nextInt(100);
        allowIllFormed = kind < 4;
        maxDepth = random.nextInt(100) < 3 ? 40 + random.nextInt(60) : 1 + random.nextInt(7);
        StringBuilder text = new StringBuilder();
        whitespace(text);
        if (kind == 4 || kind == 5) {
            text.append(random.nextBoolean() ? "{\"n\":NaN}" : "[Infinity,-Infinity]");
        } else if (maxDepth > 30) {
            deep(text, maxDepth);
        } else {
            value(text, 0);
        }
        whitespace(text);
        if (kind == 6) {
            text.append(random.nextBoolean() ? "x" : " {\"b\":2}");
        } else if (kind == 7) {
            int close = Math.max(text.lastIndexOf("]"), text.lastIndexOf("}"));
            if (close > 1) {
                text.insert(close, ',');
            }
        }
        byte[] bytes = toBytes(text);
        if (kind == 8 || kind == 9) {
            byte[] withBom = new byte[bytes.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(bytes, 0, withBom, 3, bytes.length);
            return withBom;
        }
        return bytes;
    }

    private void deep(StringBuilder out, int depth) {
        StringBuilder closers = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (random.nextBoolean()) {
                out.append('[');
                closers.append(']');
            } else {
                out.append("{\"k\":");
                closers.append('}');
            }
        }
        number(out);
        out.append(closers.reverse());
    }

    private byte[] toBytes(StringBuilder text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == BAD_UTF8) {
                out.writeBytes(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(BAD_SEQUENCES[random.nextInt(BAD_SEQUENCES.length)]);
                start = i + 1;
            }
        }
        out.writeBytes(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private void whitespace(StringBuilder out) {
        if (random.nextInt(6) == 0) {
            String[] ws = {" ", "\n", "\t", "\r\n", "  "};
            out.append(ws[random.nextInt(ws.length)]);
        }
    }

    private void value(StringBuilder out, int depth) {
        int r = random.nextInt(100);
        if (depth < maxDepth && r < 22) {
            object(out, depth + 1);
        } else if (depth < maxDepth && r < 38) {
            array(out, depth + 1);
        } else if (r < 65) {
            string(out);
        } else if (r < 92) {
            number(out);
        } else {
            String[] literals = {"true", "false", "null"};
            out.append(literals[random.nextInt(3)]);
        }
    }

    private void object(StringBuilder out, int depth) {
        out.append('{');
        int n = random.nextInt(6);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            whitespace(out);
            String key;
            if (!keys.isEmpty() && random.nextInt(10) == 0) {
                key = keys.get(random.nextInt(keys.size())); // a duplicate
            } else {
                key = key();
            }
            keys.add(key);
            out.append(key);
            whitespace(out);
            out.append(':');
            whitespace(out);
            value(out, depth);
            whitespace(out);
        }
        out.append('}');
    }

    private String key() {
        int r = random.nextInt(10);
        String raw = r < 5 ? WORDS[random.nextInt(WORDS.length)]
                : r < 7 ? INDEX_KEYS[random.nextInt(INDEX_KEYS.length)]
                : r < 9 ? UNICODE_KEYS[random.nextInt(UNICODE_KEYS.length)] : null;
        if (raw == null) {
            StringBuilder s = new StringBuilder();
            string(s);
            return s.toString();
        }
        return "\"" + raw + "\"";
    }

    private void array(StringBuilder out, int depth) {
        out.append('[');
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            whitespace(out);
            value(out, depth);
            whitespace(out);
        }
        out.append(']');
    }

    private void string(StringBuilder out) {
        out.append('"');
        int n = random.nextInt(10);
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(100);
            if (r < 35) {
                out.append((char) ('a' + random.nextInt(26)));
            } else if (r < 45) {
                out.append(PUNCTUATION[random.nextInt(PUNCTUATION.length)]);
            } else if (r < 55) {
                out.append(SIMPLE_ESCAPES[random.nextInt(SIMPLE_ESCAPES.length)]);
            } else if (r < 70) {
                out.append(RAW_CHARS[random.nextInt(RAW_CHARS.length)]);
            } else if (r < 78) {
                unicodeEscape(out, randomBmpNonSurrogate());
            } else if (r < 82) {
                unicodeEscape(out, (char) random.nextInt(0x20)); // controls, escaped
            } else if (r < 86) {
                int cp = 0x10000 + random.nextInt(0x100000);
                unicodeEscape(out, Character.highSurrogate(cp));
                unicodeEscape(out, Character.lowSurrogate(cp));
            } else if (r < 88) {
                unicodeEscape(out, (char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
            } else if (r < 89 && allowIllFormed) {
                out.append(BAD_UTF8);
            } else {
                out.append((char) ('0' + random.nextInt(10)));
            }
        }
        out.append('"');
    }

    private char randomBmpNonSurrogate() {
        int r = random.nextInt(4);
        if (r == 0) {
            return (char) (0x20 + random.nextInt(0x60));
        }
        char c;
        do {
            c = (char) (0x80 + random.nextInt(0xFF80));
        } while (Character.isSurrogate(c));
        return c;
    }

    private void unicodeEscape(StringBuilder out, char c) {
        out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
    }

    private void number(StringBuilder out) {
        int r = random.nextInt(100);
        if (r < 20) {
            out.append(MAGIC_NUMBERS[random.nextInt(MAGIC_NUMBERS.length)]);
        } else if (r < 40) {
            out.append(random.nextInt(2001) - 1000);
        } else if (r < 50) {
            digits(out, 16 + random.nextInt(14), random.nextBoolean());
        } else if (r < 75) {
            // mantissa digits and an exponent anywhere in (and just past) the double range
            if (random.nextBoolean()) {
                out.append('-');
            }
            int k = 1 + random.nextInt(18);
            out.append((char) ('1' + random.nextInt(9)));
            if (k > 1) {
                out.append('.');
                for (int i = 1; i < k; i++) {
                    out.append((char) ('0' + random.nextInt(10)));
                }
            }
            out.append(random.nextBoolean() ? 'e' : 'E');
            int e = random.nextInt(650) - 335;
            out.append(e >= 0 && random.nextBoolean() ? "+" : "").append(e);
        } else {
            // a random finite double printed positionally when it is short enough
            double d;
            do {
                d = Double.longBitsToDouble(random.nextLong());
            } while (!Double.isFinite(d));
            String s = new java.math.BigDecimal(d).round(new java.math.MathContext(1 + random.nextInt(17))).toString();
            out.append(s.replace("E+", random.nextBoolean() ? "e+" : "E"));
        }
    }

    private void digits(StringBuilder out, int n, boolean negative) {
        if (negative) {
            out.append('-');
        }
        out.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < n; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
    }
}
