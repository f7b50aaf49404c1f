package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.encode.number.NumberStyle;
import dev.casebook.core.canon.json.JsonGrammar;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.PortableTree;
import dev.casebook.core.canon.json.WellFormedUtf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;

/**
 * Writes a portable JSON body straight from its bytes as one language's encoder would, without
 * building a tree: the common case of {@code /v1/canonical}, where parsing into a tree and walking
 * it again cost more than the writing itself.
 *
 * <p>Contract: the input is one strict RFC 8259 value that every modelled language reads alike
 * ({@link PortableTree}), as the request parse has checked. The answer is exactly what
 * {@link JsonEncoder} writes for the strict tree of the same text, or null when the body needs what
 * only the tree can give: an object with a repeated name (which value wins, or an error), names
 * out of the order a sorting encoder writes, JavaScript's array-index names (which it moves to the
 * front), PHP's arrays, or anything the language refuses (the tree path tells why). Input that
 * breaks the contract also gives null, never other bytes. One pass, linear in the body.
 */
public final class PortableTranscoder {

    /** Thrown where the body needs the tree; preallocated, as it is control flow, not an error. */
    private static final class NeedsTree extends Exception {
        private static final NeedsTree INSTANCE = new NeedsTree();

        private NeedsTree() {
            super(null, null, false, false);
        }
    }

    /**
     * An open container: where its entries go, and for an object the names used so far, as spans
     * of the input. Names come only without escapes (others need the tree), so two are the same
     * name exactly when their bytes are the same.
     */
    private static final class Frame {
        private static final int LISTED_NAMES = 16;

        boolean object;
        int level;
        int count;
        /** Spans and hashes of the first {@value #LISTED_NAMES} names, grown as needed; past those, a set. */
        int[] names = new int[2 * 4];
        int[] nameHashes = new int[4];
        HashSet<String> manyNames;
    }

    private final byte[] in;
    private final int end;
    private final StringStyle strings;
    private final KeyOrder keyOrder;
    private final NumberStyle numbers;
    private final JsonWriter writer;
    private Frame[] frames = new Frame[8];
    private int pos;
    /** Whether the name {@link #closingQuoteOfName} passed has bytes above ASCII. */
    private boolean nonAsciiName;
    /** Whether that name is ASCII the style writes as it stands, so its bytes are its output. */
    private boolean plainName;
    /** That name's hash over its bytes, for {@link #unseen}. */
    private int nameHash;
    private final byte[][] asciiEscapes;

    private PortableTranscoder(byte[] json, EncodingRules rules, int sizeHint) {
        this.in = json;
        this.end = json.length;
        this.strings = rules.strings();
        this.asciiEscapes = strings.asciiEscapes();
        this.keyOrder = rules.keyOrder();
        this.numbers = rules.numbers();
        this.writer = new JsonWriter(rules, sizeHint);
    }

    /** The body {@code json} as {@code rules} encode it, or null when it needs the tree (see the class contract). */
    public static byte[] transcode(byte[] json, EncodingRules rules, int sizeHint) {
        if (rules.containers() == EncodingRules.Containers.PHP_ARRAYS) {
            return null; // {} and {"0":..} become arrays: decided per object, after its names are known
        }
        if (!rules.streamable()) {
            return null;
        }
        try {
            return new PortableTranscoder(json, rules, sizeHint).run();
        } catch (NeedsTree | LanguageFailure tree) {
            return null;
        }
    }

    private byte[] run() throws NeedsTree, LanguageFailure {
        int depth = 0;
        while (true) {
            skipWhitespace();
            int c = peek();
            if (c == '{' || c == '[') {
                pos++;
                int d = depth + 1;
                if (d > PortableTree.MAX_DEPTH) {
                    throw NeedsTree.INSTANCE;
                }
                writer.checkDepth(d);
                boolean object = c == '{';
                skipWhitespace();
                if (peek() == (object ? '}' : ']')) {
                    pos++;
                    writer.emptyContainer((char) c, object ? '}' : ']', d);
                } else {
                    Frame f = frame(depth);
                    f.object = object;
                    f.count = 0;
                    f.level = object ? writer.openObject(d) : writer.openArray(d);
                    depth = d;
                    if (object) {
                        member(f);
                    } else {
                        writer.startElement(0, f.level);
                    }
                    continue; // its first value
                }
            } else {
                scalar(c);
            }
            // A value is complete: go on in its container, closing containers as far as they end.
            while (true) {
                if (depth == 0) {
                    skipWhitespace();
                    if (pos != end) {
                        throw NeedsTree.INSTANCE;
                    }
                    return writer.finish();
                }
                Frame top = frames[depth - 1];
                top.count++;
                skipWhitespace();
                int next = peek();
                if (next == ',') {
                    pos++;
                    if (top.object) {
                        member(top);
                    } else {
                        writer.startElement(top.count, top.level);
                    }
                    break;
                }
                if (next != (top.object ? '}' : ']')) {
                    throw NeedsTree.INSTANCE;
                }
                pos++;
                if (top.object) {
                    writer.closeObject(top.level);
                } else {
                    writer.closeArray(top.level);
                }
                depth--;
            }
        }
    }

    private Frame frame(int index) {
        if (index == frames.length) {
            frames = Arrays.copyOf(frames, 2 * index);
        }
        Frame f = frames[index];
        if (f == null) {
            f = new Frame();
            frames[index] = f;
        }
        return f;
    }

    /** Reads a member's name and colon, and writes the name where the layout puts it. */
    private void member(Frame f) throws NeedsTree {
        skipWhitespace();
        if (peek() != '"') {
            throw NeedsTree.INSTANCE;
        }
        int from = pos + 1;
        int to = closingQuoteOfName();
        skipWhitespace();
        if (peek() != ':') {
            throw NeedsTree.INSTANCE;
        }
        pos++;
        checkName(f, from, to);
        writer.startMember(f.count, f.level);
        if (plainName) {
            writer.plainKey(in, from, to);
            return;
        }
        if (strings.writeJsonText(in, from, to + 1, writer.out) != to) {
            throw NeedsTree.INSTANCE;
        }
        writer.keySeparator();
    }

    /** Whether the name {@code in[from..to)} lets the object be written as it comes: a new name, where the encoder's order keeps it. */
    private void checkName(Frame f, int from, int to) throws NeedsTree {
        switch (keyOrder) {
            case INSERTION -> unseen(f, from, to);
            case ARRAY_INDEX_FIRST -> {
                if (isArrayIndex(from, to)) {
                    throw NeedsTree.INSTANCE; // moved to the front
                }
                unseen(f, from, to);
            }
            case CODE_POINT -> ascending(f, from, to); // UTF-8 byte order is code point order
            default -> {
                if (nonAsciiName) {
                    throw NeedsTree.INSTANCE; // UTF-16 order parts from byte order above U+E000
                }
                ascending(f, from, to);
            }
        }
    }

    /** For sorting encoders: a name after the one before it in byte order, so in order and not repeated. */
    private void ascending(Frame f, int from, int to) throws NeedsTree {
        if (f.count > 0 && Arrays.compareUnsigned(in, f.names[0], f.names[1], in, from, to) >= 0) {
            throw NeedsTree.INSTANCE;
        }
        f.names[0] = from;
        f.names[1] = to;
    }

    private void unseen(Frame f, int from, int to) throws NeedsTree {
        int n = f.count;
        int hash = nameHash;
        if (n < Frame.LISTED_NAMES) {
            if (n == f.nameHashes.length) {
                f.nameHashes = Arrays.copyOf(f.nameHashes, 2 * n);
                f.names = Arrays.copyOf(f.names, 4 * n);
            }
            int[] names = f.names;
            int[] hashes = f.nameHashes;
            for (int i = 0; i < n; i++) {
                if (hashes[i] == hash && Arrays.equals(in, names[2 * i], names[2 * i + 1], in, from, to)) {
                    throw NeedsTree.INSTANCE;
                }
            }
            names[2 * n] = from;
            names[2 * n + 1] = to;
            hashes[n] = hash;
            return;
        }
        if (n == Frame.LISTED_NAMES) {
            f.manyNames = new HashSet<>();
            for (int i = 0; i < n; i++) {
                f.manyNames.add(text(f.names[2 * i], f.names[2 * i + 1]));
            }
        }
        if (!f.manyNames.add(text(from, to))) {
            throw NeedsTree.INSTANCE;
        }
    }

    /** Well-formed UTF-8 without escapes: equal texts are equal bytes. */
    private String text(int from, int to) {
        return new String(in, from, to - from, StandardCharsets.UTF_8);
    }

    /** ECMAScript's array index: a canonical decimal integer below 2^32 - 1 ({@link KeyOrder#arrayIndex}). */
    private boolean isArrayIndex(int from, int to) {
        int n = to - from;
        if (n == 0 || n > 10 || (n > 1 && in[from] == '0')) {
            return false;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = in[i];
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + (c - '0');
        }
        return v < 0xFFFF_FFFFL;
    }

    private void scalar(int c) throws NeedsTree, LanguageFailure {
        switch (c) {
            case '"' -> stringValue();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw NeedsTree.INSTANCE;
                }
            }
        }
    }

    private void literal(String word) throws NeedsTree {
        int n = word.length();
        if (pos + n > end) {
            throw NeedsTree.INSTANCE;
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw NeedsTree.INSTANCE;
            }
        }
        pos += n;
        writer.literal(word);
    }

    /** RFC 8259's number grammar; the lexeme goes to the language's number style as the tree's would. */
    private void number() throws NeedsTree, LanguageFailure {
        int start = pos;
        pos = JsonGrammar.numberEnd(in, start, end);
        if (pos < 0 || pos - start > PortableTree.MAX_NUMBER_LENGTH) {
            throw NeedsTree.INSTANCE;
        }
        if (numbers.writesAsItStands(in, start, pos)) {
            writer.out.write(in, start, pos - start);
        } else {
            writer.number(new JsonValue.Num(new String(in, start, pos - start, StandardCharsets.ISO_8859_1)));
        }
    }

    /**
     * Finds the end of the name that opens at {@code pos}: returns its closing quote's index and
     * leaves {@code pos} after it, with {@link #nonAsciiName}, {@link #plainName} and
     * {@link #nameHash} set, in the one pass. A name with an escape needs the tree: it is rare, the
     * same name may be spelled two ways, and PHP's refused NUL can only be written so. Its UTF-8 is
     * checked when it is written.
     */
    private int closingQuoteOfName() throws NeedsTree {
        byte[][] escapes = asciiEscapes;
        boolean nonAscii = false;
        boolean plain = true;
        int hash = 0;
        for (int i = pos + 1; i < end; i++) {
            int b = in[i];
            if (b < 0) {
                nonAscii = true;
            } else if (escapes[b] != null) { // every style escapes the quote, the backslash and the controls
                if (b == '"') {
                    nonAsciiName = nonAscii;
                    plainName = plain && !nonAscii;
                    nameHash = hash;
                    pos = i + 1;
                    return i;
                }
                if (b == '\\' || b < 0x20) {
                    throw NeedsTree.INSTANCE;
                }
                plain = false; // written escaped in this style ('/', '<'...)
            }
            hash = 31 * hash + b;
        }
        throw NeedsTree.INSTANCE;
    }

    private void stringValue() throws NeedsTree {
        int closingQuote = strings.writeJsonText(in, pos + 1, end, writer.out);
        if (closingQuote < 0) {
            throw NeedsTree.INSTANCE;
        }
        pos = closingQuote + 1;
    }

    private int peek() {
        return pos < end ? in[pos] : -1;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }
}
