package dev.casebook.core.canon.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads UTF-8 JSON bytes into a lossless {@link JsonValue} tree under one language's
 * {@link ParseRules}.
 *
 * <p>Contract: input is the exact bytes a client sent; output is the tree, or a
 * {@link JsonSyntaxException} / {@link NestingTooDeepException} carrying the byte offset of the
 * first thing the rules reject. Linear time; iterative (an explicit stack), so hostile nesting ends
 * in {@link NestingTooDeepException}, never in a stack overflow. Not thread-safe; cheap to create.
 */
public final class JsonParser {

    private static final JsonValue.Obj EMPTY_OBJECT = new JsonValue.Obj(List.of());
    private static final JsonValue.Arr EMPTY_ARRAY = new JsonValue.Arr(List.of());

    private final byte[] in;
    private final ParseRules rules;
    private final StringBuilder text = new StringBuilder();
    private int pos;
    private boolean irregular;

    private JsonParser(byte[] in, ParseRules rules) {
        this.in = in;
        this.rules = rules;
    }

    public static JsonValue parse(byte[] in, ParseRules rules) throws JsonSyntaxException, NestingTooDeepException {
        if (rules.grammar() == ParseRules.Grammar.OJ_STRICT) {
            return OjReader.read(in, rules.maxDepth());
        }
        if (rules.grammar() != ParseRules.Grammar.RFC8259) {
            return JavaTextReader.read(in, rules);
        }
        return new JsonParser(in, rules).document();
    }

    /** A parsed document and what the parse saw across it. */
    public record Document(JsonValue value, Extent extent) {
    }

    /**
     * What the parse saw across the whole document, for checks that would otherwise walk the tree
     * again: the deepest nesting, the longest number lexeme, and whether any string holds a
     * surrogate code unit that is not half of a pair from well-formed input.
     */
    public record Extent(int depth, int longestNumber, boolean loneSurrogates) {
    }

    public static Document parseDocument(byte[] in, ParseRules rules) throws JsonSyntaxException, NestingTooDeepException {
        JsonParser parser = new JsonParser(in, rules);
        JsonValue value = parser.document();
        return new Document(value, new Extent(parser.deepest, parser.longestNumber, parser.loneSurrogates));
    }

    /** A value read from within a larger text, and the index just after it. */
    public record Read(JsonValue value, int end) {
    }

    /**
     * A parser over {@code in} (RFC 8259 grammar) for a reader of some larger text (a request's
     * envelope) that walks that text itself and leaves each value to the language's parser, with
     * {@link #valueAt}: one parser for them all, so its buffers and recent names serve every value.
     */
    public static JsonParser over(byte[] in, ParseRules rules) {
        if (rules.grammar() != ParseRules.Grammar.RFC8259) {
            throw new IllegalArgumentException("values are read from within a text in RFC 8259's grammar only");
        }
        return new JsonParser(in, rules);
    }

    /**
     * Reads the one value that starts at {@code from}, after any whitespace, and stops at its end.
     * Nesting counts from the value's own level; errors carry offsets in the whole text.
     */
    public Read valueAt(int from) throws JsonSyntaxException, NestingTooDeepException {
        pos = from;
        JsonValue value = value();
        return new Read(value, pos);
    }

    private int deepest;
    private int longestNumber;
    private boolean loneSurrogates;

    /**
     * One open container while its contents are read. Frames are kept by depth and reused, and
     * each container's entries are copied out once, at their exact count, when it closes.
     */
    private static final class Frame {
        boolean object;
        final List<JsonValue> elements = new ArrayList<>();
        final List<JsonValue.Member> members = new ArrayList<>();
        JsonValue.Str pendingKey;

        Frame open(boolean isObject) {
            object = isObject;
            return this;
        }

        void add(JsonValue v) {
            if (object) {
                members.add(new JsonValue.Member(pendingKey, v));
            } else {
                elements.add(v);
            }
        }

        JsonValue build() {
            JsonValue built;
            if (object) {
                built = new JsonValue.Obj(members); // which copies them
                members.clear();
            } else {
                built = new JsonValue.Arr(elements);
                elements.clear();
            }
            pendingKey = null;
            return built;
        }
    }

    /** Frames by depth, for reuse: {@code frames.get(d)} serves every container opened at depth {@code d}. */
    private final List<Frame> frames = new ArrayList<>();

    private Frame frameAt(int depth) {
        if (depth == frames.size()) {
            frames.add(new Frame());
        }
        return frames.get(depth);
    }

    private JsonValue document() throws JsonSyntaxException, NestingTooDeepException {
        if (in.length >= 3 && (in[0] & 0xff) == 0xEF && (in[1] & 0xff) == 0xBB && (in[2] & 0xff) == 0xBF) {
            if (!rules.bom()) {
                throw error("a UTF-8 byte order mark before the value is not allowed");
            }
            pos = 3;
        }
        skipWhitespace();
        if (pos >= in.length) {
            if (rules.emptyIsNull()) {
                return JsonValue.Null.NULL;
            }
            throw error("expected a value, found the end of the input");
        }
        JsonValue value = value();
        int end = pos;
        skipWhitespace();
        if (pos < in.length) {
            if (!rules.trailingContent()) {
                throw error("unexpected " + describe(in[pos] & 0xff) + " after the JSON value");
            }
            checkRootValueEnds(value, end);
        }
        return value;
    }

    /**
     * Even a parser that ignores trailing content (Jackson) reads a root number or literal as a
     * token that must end cleanly: {@code 1x} and {@code truex} are errors where {@code {}x} is not.
     */
    private void checkRootValueEnds(JsonValue value, int end) throws JsonSyntaxException {
        int next = in[end] & 0xff;
        if (value instanceof JsonValue.Num && !(next == ' ' || next == '\t' || next == '\n' || next == '\r')) {
            pos = end;
            throw error("expected whitespace separating root-level values but found " + describe(next));
        }
        boolean literal = value instanceof JsonValue.Bool || value instanceof JsonValue.Null;
        if (literal && (Character.isLetterOrDigit(next) || next == '_' || next == '$' || next >= 0x80)) {
            pos = end;
            throw error("unrecognized token: a literal runs into " + describe(next));
        }
    }

    private JsonValue value() throws JsonSyntaxException, NestingTooDeepException {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        while (true) {
            skipWhitespace();
            JsonValue value;
            int c = peek();
            if (c == '{' || c == '[') {
                if (stack.size() >= rules.maxDepth()) {
                    throw new NestingTooDeepException(rules.maxDepth(), pos);
                }
                pos++;
                skipWhitespace();
                int close = c == '{' ? '}' : ']';
                if (peek() == close) {
                    pos++;
                    deepest = Math.max(deepest, stack.size() + 1);
                    value = c == '{' ? EMPTY_OBJECT : EMPTY_ARRAY;
                } else {
                    Frame frame = frameAt(stack.size()).open(c == '{');
                    if (frame.object) {
                        frame.pendingKey = key();
                    }
                    stack.push(frame);
                    deepest = Math.max(deepest, stack.size());
                    continue;
                }
            } else {
                value = scalar(c, !stack.isEmpty() && stack.peek().object);
            }
            // A value is complete: hand it to its container, closing containers as far as they end.
            while (true) {
                if (stack.isEmpty()) {
                    return value;
                }
                Frame top = stack.peek();
                top.add(value);
                skipWhitespace();
                int next = peek();
                if (next == ',') {
                    pos++;
                    if (top.object) {
                        skipWhitespace();
                        top.pendingKey = key();
                    }
                    break;
                }
                if (next == (top.object ? '}' : ']')) {
                    pos++;
                    stack.pop();
                    value = top.build();
                    continue;
                }
                throw error(next < 0
                        ? "unexpected end of input inside " + (top.object ? "an object" : "an array")
                        : "expected ',' or '" + (top.object ? '}' : ']') + "' but found " + describe(next));
            }
        }
    }

    private JsonValue.Str key() throws JsonSyntaxException {
        skipWhitespace();
        if (peek() != '"') {
            throw error(peek() < 0 ? "unexpected end of input, expected a property name"
                    : "expected a property name in double quotes but found " + describe(peek()));
        }
        JsonValue.Str key = string(true);
        skipWhitespace();
        if (peek() != ':') {
            throw error(peek() < 0 ? "unexpected end of input, expected ':'"
                    : "expected ':' after the property name but found " + describe(peek()));
        }
        pos++;
        return key;
    }

    private JsonValue scalar(int c, boolean inObject) throws JsonSyntaxException {
        switch (c) {
            case '"':
                return string(false);
            case 't':
                return literal("true", JsonValue.Bool.TRUE);
            case 'f':
                return literal("false", JsonValue.Bool.FALSE);
            case 'n':
                return literal("null", JsonValue.Null.NULL);
            case 'N':
                if (rules.nonFiniteLiterals()) {
                    return literal("NaN", new JsonValue.Num("NaN"));
                }
                break;
            case 'I':
                if (rules.nonFiniteLiterals()) {
                    return literal("Infinity", new JsonValue.Num("Infinity"));
                }
                break;
            case -1:
                throw error("unexpected end of input, expected a value");
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
        }
        throw error("expected a value but found " + describe(c));
    }

    private JsonValue literal(String word, JsonValue value) throws JsonSyntaxException {
        int n = word.length();
        if (pos + n > in.length) {
            throw error("unexpected end of input in '" + word + "'");
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw error("expected '" + word + "' but found " + describe(in[pos] & 0xff));
            }
        }
        pos += n;
        return value;
    }

    private JsonValue.Num number() throws JsonSyntaxException {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
            if (rules.nonFiniteLiterals() && peek() == 'I') {
                literal("Infinity", null);
                return new JsonValue.Num("-Infinity");
            }
        }
        int c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("expected a digit after '-' but found " + describe(c));
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after the decimal point but found " + describe(peek()));
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent but found " + describe(peek()));
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        int length = pos - start;
        if (rules.maxNumberLength() > 0 && length > rules.maxNumberLength()) {
            pos = start;
            throw error("a number of " + length + " characters is longer than the " + rules.maxNumberLength() + " allowed");
        }
        longestNumber = Math.max(longestNumber, length);
        return new JsonValue.Num(new String(in, start, length, StandardCharsets.ISO_8859_1));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private boolean inKey;

    private JsonValue.Str string(boolean key) throws JsonSyntaxException {
        inKey = key;
        pos++; // opening quote
        // Most strings have no escapes and well-formed UTF-8, which every policy reads alike: make
        // them in one step, with no builder (the JDK's decoders are intrinsics).
        int plain = pos;
        boolean ascii = true;
        while (plain < in.length) {
            int b = in[plain];
            if (b == '"') {
                JsonValue.Str str = key ? recentKey(pos, plain, ascii) : plainString(pos, plain, ascii);
                pos = plain + 1;
                return str;
            }
            if (b == '\\') {
                break;
            }
            if (b >= 0x20) {
                plain++;
            } else if (b >= 0) {
                break; // a control character: an error, or a language's leniency, for the full path
            } else {
                int length = WellFormedUtf8.sequenceLength(in, plain);
                if (length == 0) {
                    break; // ill-formed: each language's own UTF-8 policy decides
                }
                ascii = false;
                plain += length;
            }
        }
        text.setLength(0);
        irregular = false;
        // Ruby's scanner finds the closing quote first and unescapes within it afterwards, which
        // matters when its surrogate rule steps over a byte: the unescaping then pairs backslashes
        // differently from the scanner, and may read the closing quote as an escaped character.
        int end = rules.loneSurrogateEscapes() == ParseRules.SurrogateEscapes.RUBY ? rubyStringEnd() : -1;
        rubyStringEnd = end;
        while (true) {
            if (end >= 0 && pos >= end) {
                pos = end + 1; // the scanner goes on after its closing quote, whatever the unescaping read
                return new JsonValue.Str(text.toString(), irregular);
            }
            if (pos >= in.length) {
                throw error("unexpected end of input inside a string");
            }
            int b = in[pos] & 0xff;
            if (end < 0 && b == '"') {
                pos++;
                return new JsonValue.Str(text.toString(), irregular);
            }
            if (b == '\\') {
                escape();
            } else if (b < 0x20) {
                throw error("unescaped control character " + describe(b) + " in a string");
            } else if (b < 0x80) {
                text.append((char) b);
                pos++;
            } else {
                multiByte(b);
            }
        }
    }

    private JsonValue.Str plainString(int start, int end, boolean ascii) {
        return new JsonValue.Str(new String(in, start, end - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8), false);
    }

    /**
     * A property name without escapes, shared with an earlier one of the same bytes: a body's
     * objects mostly repeat the same few names, and one immutable value can stand for them all.
     * A small table of recent names by hash; a collision just makes a new value.
     */
    private JsonValue.Str recentKey(int start, int end, boolean ascii) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + in[i];
        }
        int slot = (hash ^ hash >>> 7) & (RECENT_KEYS - 1);
        if (recentKeys == null) {
            recentKeys = new JsonValue.Str[RECENT_KEYS];
            recentKeySpans = new int[RECENT_KEYS * 2];
        }
        JsonValue.Str known = recentKeys[slot];
        int knownStart = recentKeySpans[2 * slot];
        int knownEnd = recentKeySpans[2 * slot + 1];
        if (known != null && sameBytes(start, end, knownStart, knownEnd)) {
            return known;
        }
        JsonValue.Str key = plainString(start, end, ascii);
        recentKeys[slot] = key;
        recentKeySpans[2 * slot] = start;
        recentKeySpans[2 * slot + 1] = end;
        return key;
    }

    /** A plain loop: names are short, where a library compare costs more in setting up than in comparing. */
    private boolean sameBytes(int start, int end, int otherStart, int otherEnd) {
        if (end - start != otherEnd - otherStart) {
            return false;
        }
        for (int i = start, j = otherStart; i < end; i++, j++) {
            if (in[i] != in[j]) {
                return false;
            }
        }
        return true;
    }

    private static final int RECENT_KEYS = 64;
    private JsonValue.Str[] recentKeys;
    /** Where each recent key's bytes lie in the input: {@code [start, end)} pairs by slot. */
    private int[] recentKeySpans;

    /** Where the Ruby scanner put the closing quote of the string being read; -1 for other languages. */
    private int rubyStringEnd = -1;

    private void escape() throws JsonSyntaxException {
        int at = pos;
        pos++;
        int e = peek();
        pos++;
        switch (e) {
            case '"', '\\', '/' -> text.append((char) e);
            case 'b' -> text.append('\b');
            case 'f' -> text.append('\f');
            case 'n' -> text.append('\n');
            case 'r' -> text.append('\r');
            case 't' -> text.append('\t');
            case 'u' -> {
                if (rubyStringEnd >= 0) {
                    rubyUnicodeEscape(at, rubyStringEnd);
                } else {
                    unicodeEscape(at);
                }
            }
            case -1 -> throw error("unexpected end of input in an escape");
            default -> {
                if (rules.lenientEscapes() && e >= 0x20 && e < 0x80) {
                    text.append((char) e);
                } else if (rules.lenientEscapes() && e >= 0x80) {
                    // Ruby drops the backslash and copies what follows as it is, multi-byte or not.
                    pos = at + 1;
                } else {
                    pos = at;
                    throw error("invalid escape '\\" + (e >= 0x20 && e < 0x7f ? String.valueOf((char) e) : describe(e)) + "' in a string");
                }
            }
        }
    }

    private void unicodeEscape(int at) throws JsonSyntaxException {
        char unit = hex4();
        if (!Character.isSurrogate(unit)) {
            text.append(unit);
            return;
        }
        ParseRules.SurrogateEscapes policy = rules.loneSurrogateEscapes();
        if (Character.isHighSurrogate(unit) && followedByLowSurrogateEscape()) {
            text.append(unit).append(hex4());
            return;
        }
        if (inKey && rules.loneSurrogateKeysRejected()) {
            pos = at;
            throw error("a lone UTF-16 surrogate \\u" + hexOf(unit) + " in a property name");
        }
        switch (policy) {
            case KEEP -> {
                loneSurrogates = true;
                text.append(unit);
            }
            case REPLACE -> text.append('\uFFFD');
            case REJECT -> {
                pos = at;
                throw error("a lone UTF-16 surrogate \\u" + hexOf(unit) + " in a string");
            }
            default -> throw new IllegalStateException(policy.name());
        }
    }

    /**
     * json 2.6's {@code json_string_unescape} for a {@code \}{@code u} escape, which trusts its scanner
     * to have checked the digits: but after a high surrogate that is not followed by {@code \}{@code u}
     * it writes {@code ?} and steps over one byte, and from there it can meet a {@code \}{@code u}
     * the scanner never saw as one (in {@code \\u}). Such an escape reads any four bytes, the closing
     * quote included; a byte that is no hex digit makes U+FFFD.
     */
    private void rubyUnicodeEscape(int at, int end) throws JsonSyntaxException {
        if (pos + 3 > end) {
            pos = at;
            throw error("incomplete unicode character escape sequence in a string");
        }
        int unit = rubyHex4(pos);
        pos += 4;
        if ((unit & 0xFC00) != 0xD800) {
            loneSurrogates |= Character.isSurrogate((char) unit); // kept: the generator refuses it later
            text.append((char) unit);
            return;
        }
        if (end - pos < 6) {
            pos = at;
            throw error("incomplete surrogate pair \\u" + hexOf((char) unit) + " in a string");
        }
        if (in[pos] == '\\' && in[pos + 1] == 'u') {
            // combined by bit arithmetic, whether the second escape is a low surrogate or not
            int next = rubyHex4(pos + 2);
            pos += 6;
            text.appendCodePoint(((unit & 0x3F) << 10) | ((((unit >> 6) & 0xF) + 1) << 16) | (next & 0x3FF));
        } else {
            // json 2.6 writes '?' and steps over the next byte too, even into a multi-byte character
            // or over the first backslash of an escape, so the rest unescapes out of step
            text.append('?');
            pos++;
        }
    }

    /** json 2.6's {@code unescape_unicode}: four hex digits, or U+FFFD when any byte is not one. */
    private int rubyHex4(int at) {
        int v = JsonGrammar.hex4(in, at, in.length);
        return v >= 0 ? v : 0xFFFD;
    }

    /**
     * Where json 2.6's scanner finds the closing quote of the string at {@code pos}, checking what it
     * checks: no control characters, a {@code \}{@code u} with four hex digits, no escaped control
     * character. Its errors are parse errors before any unescaping.
     */
    private int rubyStringEnd() throws JsonSyntaxException {
        int p = pos;
        while (p < in.length) {
            int b = in[p] & 0xff;
            if (b == '"') {
                return p;
            }
            if (b < 0x20) {
                pos = p;
                throw error("unescaped control character " + describe(b) + " in a string");
            }
            if (b != '\\') {
                p++;
                continue;
            }
            int e = p + 1 < in.length ? in[p + 1] & 0xff : -1;
            if (e < 0x20) {
                pos = p;
                throw error(e < 0 ? "unexpected end of input in an escape" : "invalid escape of " + describe(e) + " in a string");
            }
            if (e == 'u' && JsonGrammar.hex4(in, p + 2, in.length) < 0) {
                pos = p;
                throw error("expected four hex digits after \\u in a string");
            }
            p += e == 'u' ? 6 : 2;
        }
        pos = p;
        throw error("unexpected end of input inside a string");
    }

    private boolean followedByLowSurrogateEscape() {
        if (pos + 6 > in.length || in[pos] != '\\' || in[pos + 1] != 'u') {
            return false;
        }
        int v = JsonGrammar.hex4(in, pos + 2, in.length);
        if (v < 0xDC00 || v > 0xDFFF) {
            return false;
        }
        pos += 2; // positioned at the 4 hex digits; hex4 reads them
        return true;
    }

    private char hex4() throws JsonSyntaxException {
        int v = JsonGrammar.hex4(in, pos, in.length);
        if (v >= 0) {
            pos += 4;
            return (char) v;
        }
        // Where the escape breaks off, for the message: the first byte that is not a hex digit.
        while (pos < in.length && JsonGrammar.hexDigit(in[pos]) >= 0) {
            pos++;
        }
        throw error(pos >= in.length ? "unexpected end of input in a \\u escape"
                : "expected a hex digit in a \\u escape but found " + describe(in[pos] & 0xff));
    }

    private static String hexOf(char c) {
        return String.format("%04x", (int) c);
    }

    private void multiByte(int b0) throws JsonSyntaxException {
        int need;
        int min;
        int cp;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
            cp = b0 & 0x1F;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            cp = b0 & 0x0F;
            min = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            cp = b0 & 0x07;
            min = 0x10000;
        } else if ((b0 == 0xC0 || b0 == 0xC1) && rules.utf8() == Utf8Policy.ACCEPT_OVERLONG_TWO_BYTE) {
            need = 1;
            cp = b0 & 0x1F;
            min = 0;
        } else {
            illFormed(0, "invalid UTF-8 start byte 0x" + Integer.toHexString(b0));
            return;
        }
        for (int i = 1; i <= need; i++) {
            int p = pos + i;
            int b = p < in.length ? in[p] & 0xff : -1;
            if (b < 0x80 || b > 0xBF || !secondByteAllowed(b0, i, b)) {
                illFormed(i, b < 0 ? "truncated UTF-8 sequence at the end of the input"
                        : "invalid UTF-8 continuation byte 0x" + Integer.toHexString(b));
                return;
            }
            cp = cp << 6 | (b & 0x3F);
        }
        if (cp < min) {
            illFormed(0, "overlong UTF-8 sequence");
            return;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            if (rules.utf8() == Utf8Policy.SURROGATE_PASS) {
                irregular = true;
                loneSurrogates = true; // kept as separate code points even when they would pair
            } else {
                illFormed(0, "UTF-8 encoded surrogate U+" + Integer.toHexString(cp).toUpperCase());
                return;
            }
        }
        text.appendCodePoint(cp);
        pos += need + 1;
    }

    /**
     * Unicode's table of well-formed sequences restricts the second byte after E0, ED, F0 and F4;
     * surrogates (ED A0..BF) are let through here and judged by policy afterwards.
     */
    private static boolean secondByteAllowed(int b0, int index, int b) {
        if (index != 1) {
            return true;
        }
        return switch (b0) {
            case 0xE0 -> b >= 0xA0;
            case 0xF0 -> b >= 0x90;
            case 0xF4 -> b <= 0x8F;
            default -> true;
        };
    }

    /**
     * An ill-formed sequence starting at {@code pos}; {@code validPrefix} bytes of it (after the lead)
     * could have started a well-formed sequence.
     */
    private void illFormed(int validPrefix, String reason) throws JsonSyntaxException {
        switch (rules.utf8()) {
            case REPLACE_MAXIMAL_SUBPART -> {
                text.append('\uFFFD');
                pos += Math.max(1, validPrefix);
            }
            case REPLACE_PER_BYTE -> {
                text.append('\uFFFD');
                pos += 1;
            }
            case DEFER_TO_ENCODER -> {
                irregular = true;
                text.append('\uFFFD');
                pos += Math.max(1, validPrefix);
            }
            default -> throw error(reason);
        }
    }

    private void skipWhitespace() throws JsonSyntaxException {
        while (pos < in.length) {
            int b = in[pos];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                pos++;
            } else if (b == '/' && rules.comments()) {
                comment();
            } else {
                return;
            }
        }
    }

    private void comment() throws JsonSyntaxException {
        int start = pos;
        int kind = pos + 1 < in.length ? in[pos + 1] : -1;
        if (kind == '/') {
            while (pos < in.length && in[pos] != '\n') {
                pos++;
            }
        } else if (kind == '*') {
            pos += 2;
            while (pos + 1 < in.length && !(in[pos] == '*' && in[pos + 1] == '/')) {
                pos++;
            }
            if (pos + 1 >= in.length) {
                pos = start;
                throw error("unterminated comment");
            }
            pos += 2;
        } else {
            throw error("expected a value but found '/'");
        }
    }

    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private JsonSyntaxException error(String reason) {
        return new JsonSyntaxException(reason, pos);
    }

    /** A byte as error messages name it: the character when it is printable ASCII, else its hex. */
    public static String describe(int b) {
        if (b < 0) {
            return "the end of the input";
        }
        if (b >= 0x21 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        return String.format("byte 0x%02x", b);
    }
}
