package dev.casebook.core.canon.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Oj's parser ({@code Oj.load(text, mode: :strict)}, Oj 3.14): a grammar of its own rather than
 * RFC 8259 with flags, measured against Debian's ruby-oj and read from its {@code parse.c}:
 * <ul>
 *   <li>{@code /* *&#47;} and {@code //} comments wherever whitespace may go inside the document and
 *       before it, but not after it; whitespace includes form feed; no byte order mark;</li>
 *   <li>a NUL byte outside a string ends the document (Oj reads a C string), inside one is an error;
 *       an empty document is {@code null};</li>
 *   <li>numbers with leading zeros ({@code 012} is 12), a bare {@code -} is 0; {@code NaN} and
 *       {@code Infinity} are refused in strict mode;</li>
 *   <li>raw control characters in strings are kept; bytes that are not well-formed UTF-8 are kept
 *       as they are (the writer copies them back), which the tree holds as lone surrogates
 *       U+DC80..U+DCFF, one per byte, as Python's surrogateescape does;</li>
 *   <li>any surrogate escape must be followed by another {@code \}{@code u} escape, and the two
 *       combine by their low ten bits into one astral character, paired or not.</li>
 * </ul>
 * Number lexemes are kept as Oj reads them, with leading zeros dropped ({@code -} as {@code -0}):
 * which Ruby class each becomes is the number style's business ({@code OjNumbers}).
 */
final class OjReader {

    private final byte[] in;
    /** Oj reads a C string: the first NUL byte ends the text. */
    private final int end;
    private final int maxDepth;
    private int pos;

    private OjReader(byte[] in, int maxDepth) {
        this.in = in;
        int nul = 0;
        while (nul < in.length && in[nul] != 0) {
            nul++;
        }
        this.end = nul;
        this.maxDepth = maxDepth;
    }

    static JsonValue read(byte[] body, int maxDepth) throws JsonSyntaxException, NestingTooDeepException {
        int brackets = 0;
        for (byte b : body) {
            if (b == '[' || b == '{') {
                brackets++;
            }
        }
        return RecursiveRead.run(brackets, () -> new OjReader(body, maxDepth).document());
    }

    private JsonValue document() throws JsonSyntaxException, NestingTooDeepException {
        skip(true);
        if (pos >= end) {
            return JsonValue.Null.NULL; // Oj.load("") is nil
        }
        JsonValue value = value(0);
        skip(false); // no comment after the document: '/' is "unexpected characters after the JSON document"
        if (pos < end) {
            throw error("unexpected characters after the JSON document");
        }
        return value;
    }

    /** Whitespace, and comments where {@code comments} allows them. */
    private void skip(boolean comments) throws JsonSyntaxException {
        while (pos < end) {
            int c = in[pos];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '/' && comments) {
                comment();
            } else {
                return;
            }
        }
    }

    private void comment() throws JsonSyntaxException {
        pos++;
        if (pos < end && in[pos] == '*') {
            for (pos++; pos < end; pos++) {
                if (in[pos] == '*' && pos + 1 < end && in[pos + 1] == '/') {
                    pos += 2;
                    return;
                }
            }
            throw error("comment not terminated");
        } else if (pos < end && in[pos] == '/') {
            while (pos < end && in[pos] != '\n' && in[pos] != '\r' && in[pos] != '\f') {
                pos++;
            }
        } else {
            throw error("invalid comment format");
        }
    }

    private JsonValue value(int depth) throws JsonSyntaxException, NestingTooDeepException {
        if (pos >= end) {
            throw error("unexpected end of the document");
        }
        int c = in[pos];
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return new JsonValue.Str(string(), false);
            case 't':
                return literal("true", JsonValue.Bool.TRUE);
            case 'f':
                return literal("false", JsonValue.Bool.FALSE);
            case 'n':
                if (pos + 1 < end && in[pos + 1] == 'u') {
                    return literal("null", JsonValue.Null.NULL);
                }
                throw error("not a number or other value"); // read as NaN, which strict mode refuses
            case 'I', 'N':
                throw error("not a number or other value");
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private JsonValue object(int depth) throws JsonSyntaxException, NestingTooDeepException {
        checkDepth(depth);
        pos++;
        List<JsonValue.Member> members = new ArrayList<>();
        skip(true);
        if (pos < end && in[pos] == '}') {
            pos++;
            return new JsonValue.Obj(members);
        }
        while (true) {
            skip(true);
            if (pos >= end || in[pos] != '"') {
                throw error("expected hash pair or close");
            }
            JsonValue.Str key = new JsonValue.Str(string(), false);
            skip(true);
            if (pos >= end || in[pos] != ':') {
                throw error("expected colon");
            }
            pos++;
            skip(true);
            members.add(new JsonValue.Member(key, value(depth)));
            skip(true);
            if (pos < end && in[pos] == ',') {
                pos++;
            } else if (pos < end && in[pos] == '}') {
                pos++;
                return new JsonValue.Obj(members);
            } else {
                throw error(pos >= end ? "Hash/Object not terminated" : "expected comma or hash close");
            }
        }
    }

    private JsonValue array(int depth) throws JsonSyntaxException, NestingTooDeepException {
        checkDepth(depth);
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skip(true);
        if (pos < end && in[pos] == ']') {
            pos++;
            return new JsonValue.Arr(elements);
        }
        while (true) {
            skip(true);
            elements.add(value(depth));
            skip(true);
            if (pos < end && in[pos] == ',') {
                pos++;
            } else if (pos < end && in[pos] == ']') {
                pos++;
                return new JsonValue.Arr(elements);
            } else {
                throw error(pos >= end ? "Array not terminated" : "expected comma or array close");
            }
        }
    }

    private void checkDepth(int depth) throws NestingTooDeepException {
        if (depth > maxDepth) {
            throw new NestingTooDeepException(maxDepth, pos);
        }
    }

    private JsonValue literal(String word, JsonValue value) throws JsonSyntaxException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= end || in[pos + i] != word.charAt(i)) {
                throw error("expected " + word);
            }
        }
        pos += word.length();
        return value;
    }

    /**
     * Oj's {@code read_num}: sign, digits (any number, leading zeros too), a fraction that needs a
     * digit before and after the point, and an exponent whose digits {@code strtod} (or BigDecimal)
     * then insists on. Returns the lexeme without leading zeros.
     */
    private JsonValue number() throws JsonSyntaxException {
        int start = pos;
        StringBuilder lexeme = new StringBuilder();
        if (in[pos] == '-') {
            lexeme.append('-');
            pos++;
        }
        int intStart = pos;
        while (pos < end && in[pos] == '0') {
            pos++;
        }
        int significant = pos;
        while (pos < end && isDigit(in[pos])) {
            pos++;
        }
        boolean anyDigit = pos > intStart;
        if (pos > significant) {
            lexeme.append(new String(in, significant, pos - significant, java.nio.charset.StandardCharsets.ISO_8859_1));
        } else {
            lexeme.append('0'); // only zeros, or none at all: "-" is 0
        }
        boolean decimal = false;
        if (pos < end && in[pos] == '.') {
            if (!anyDigit || pos + 1 >= end || !isDigit(in[pos + 1])) {
                throw error("not a number");
            }
            decimal = true;
            int fraction = pos;
            pos++;
            while (pos < end && isDigit(in[pos])) {
                pos++;
            }
            lexeme.append(new String(in, fraction, pos - fraction, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            decimal = true;
            int exponent = pos;
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < end && isDigit(in[pos])) {
                pos++;
            }
            if (pos == digits || !anyDigit) {
                throw new JsonSyntaxException("Invalid float", start); // strtod stops short of the lexeme
            }
            lexeme.append(new String(in, exponent, pos - exponent, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if (pos < end && (in[pos] == 'I' || in[pos] == 'N') && !decimal && pos == intStart) {
            throw error("not a number or other value"); // -Infinity, -NaN: refused in strict mode
        }
        return new JsonValue.Num(lexeme.toString());
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** A string from its opening quote; returns its value with ill-formed bytes as U+DC80..U+DCFF. */
    private String string() throws JsonSyntaxException {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= end) {
                throw error(end < in.length ? "NULL byte in string" : "quoted string not terminated");
            }
            int b = in[pos];
            if (b == '"') {
                pos++;
                return out.toString();
            }
            if (b == '\\') {
                escape(out);
            } else if (b >= 0) {
                out.append((char) b); // control characters included: Oj keeps them
                pos++;
            } else {
                int length = WellFormedUtf8.sequenceLength(in, pos, end);
                if (length == 0) {
                    out.append((char) (0xDC00 + (b & 0xFF))); // kept as the byte it is
                    pos++;
                } else {
                    out.append(new String(in, pos, length, java.nio.charset.StandardCharsets.UTF_8));
                    pos += length;
                }
            }
        }
    }

    private void escape(StringBuilder out) throws JsonSyntaxException {
        if (pos + 1 >= end) {
            throw error("quoted string not terminated");
        }
        int e = in[pos + 1];
        switch (e) {
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'f' -> out.append('\f');
            case 'b' -> out.append('\b');
            case '"' -> out.append('"');
            case '/' -> out.append('/');
            case '\\' -> out.append('\\');
            case 'u' -> {
                int code = hex(pos + 2);
                pos += 6;
                if (code >= 0xD800 && code <= 0xDFFF) {
                    if (pos + 1 >= end || in[pos] != '\\' || in[pos + 1] != 'u') {
                        throw error("invalid escaped character");
                    }
                    int second = hex(pos + 2);
                    pos += 6;
                    // parse.c: ((c1 - 0xD800) & 0x3FF) << 10 | ((c2 - 0xDC00) & 0x3FF), plus 0x10000, whatever c2 is
                    code = ((((code - 0xD800) & 0x3FF) << 10) | ((second - 0xDC00) & 0x3FF)) + 0x10000;
                }
                out.appendCodePoint(code);
                return;
            }
            default -> throw error("invalid escaped character");
        }
        pos += 2;
    }

    private int hex(int at) throws JsonSyntaxException {
        int unit = at + 4 <= end ? JsonGrammar.hex4(in, at, end) : -1;
        if (unit < 0) {
            pos = at;
            throw error("invalid hex character");
        }
        return unit;
    }

    private JsonSyntaxException error(String reason) {
        return new JsonSyntaxException("Oj::ParseError: " + reason, pos);
    }
}
