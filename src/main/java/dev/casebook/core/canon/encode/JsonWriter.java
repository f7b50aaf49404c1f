package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One encoding's output: where the whitespace goes and how scalars are written, for whatever walks
 * the value (the tree encoder, or the transcoder that reads a body's bytes). Keeping the layout in
 * one place is what makes the two walks agree byte for byte.
 *
 * <p>The walker names each step (a container opens, an entry starts, a container closes); depth
 * counts enclosing containers from 1 for the root's, and the level an entry is indented by is
 * what {@link #openObject} and {@link #openArray} return.
 */
final class JsonWriter {

    private final EncodingRules rules;
    private final Layout.Shape shape;
    private final boolean multiLine;
    final ByteSink out;
    /** The separators and indent as bytes, chosen once per encoding rather than per entry. */
    private final byte[] memberSeparator;
    private final byte[] elementSeparator;
    private final byte[] keySeparator;
    private final byte[] indent;
    private final byte[][] newlines = new byte[32][];
    private final StringBuilder scratch = new StringBuilder(32);
    private char[] scratchChars = new char[32];
    /** Jackson indents by the number of enclosing objects only: its arrays are printed inline. */
    private int openObjects;

    JsonWriter(EncodingRules rules, int sizeHint) {
        this(rules, new ByteSink(sizeHint));
    }

    /** Writes into {@code out}, after what it holds. */
    JsonWriter(EncodingRules rules, ByteSink out) {
        this.rules = rules;
        Layout layout = rules.layout();
        this.shape = layout.shape();
        this.multiLine = shape != Layout.Shape.SINGLE_LINE;
        this.out = out;
        byte[][] separators = SEPARATORS.computeIfAbsent(layout, JsonWriter::separators);
        this.memberSeparator = separators[0];
        this.elementSeparator = separators[1];
        this.keySeparator = separators[2];
        this.indent = separators[3];
    }

    /** Per layout (there are a handful), the member, element and key separators and the indent, as bytes. */
    private static final Map<Layout, byte[][]> SEPARATORS = new ConcurrentHashMap<>();

    private static byte[][] separators(Layout layout) {
        String item = layout.shape() == Layout.Shape.SINGLE_LINE ? layout.itemSeparator() : ",";
        return new byte[][] {ascii(item), ascii(layout.shape() == Layout.Shape.JACKSON_PRETTY ? ", " : item), ascii(layout.keySeparator()),
                ascii(layout.indent())};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes written, with the trailing newline some encoders add after the value. */
    byte[] finish() {
        if (rules.trailingNewline()) {
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** Fails as the language's encoder does past its own nesting limit (JavaScript's call stack). */
    void checkDepth(int depth) throws LanguageFailure {
        if (rules.maxEncodeDepth() > 0 && depth > rules.maxEncodeDepth()) {
            // Said plainly: each language words it its own way (JavaScript's RangeError "Maximum call stack size
            // exceeded", Oj's NoMemoryError "Too deeply nested").
            throw LanguageFailure.encode("the encoder gives up on nesting deeper than " + rules.maxEncodeDepth()
                    + " levels (JavaScript: RangeError: Maximum call stack size exceeded; Oj: Too deeply nested)");
        }
    }

    /** Opens a non-empty object at {@code depth}; returns the level its members are indented by. */
    int openObject(int depth) {
        out.write('{');
        openObjects++;
        return shape == Layout.Shape.JACKSON_PRETTY ? openObjects : depth;
    }

    /** Opens a non-empty array at {@code depth}; returns the level its elements are indented by. */
    int openArray(int depth) {
        out.write('[');
        if (shape == Layout.Shape.JACKSON_PRETTY) {
            out.write(' ');
        }
        return depth;
    }

    /** Before member {@code index}'s key: the separator after the previous member, and its line. */
    void startMember(int index, int level) {
        if (index > 0) {
            out.write(memberSeparator);
        }
        if (multiLine) {
            newline(level);
        }
    }

    void keySeparator() {
        out.write(keySeparator);
    }

    /** A member's name whose bytes {@code src[from..to)} are written as they stand, quoted, then the key separator. */
    void plainKey(byte[] src, int from, int to) {
        out.reserve(to - from + 2 + keySeparator.length);
        out.put('"');
        out.putRange(src, from, to);
        out.put('"');
        out.put(keySeparator);
    }

    void startElement(int index, int level) {
        if (index > 0) {
            out.write(elementSeparator);
        }
        if (multiLine && shape != Layout.Shape.JACKSON_PRETTY) {
            newline(level);
        }
    }

    void closeObject(int level) {
        openObjects--;
        if (multiLine) {
            newline(level - 1);
        }
        out.write('}');
    }

    void closeArray(int level) {
        if (shape == Layout.Shape.JACKSON_PRETTY) {
            out.write(' ');
        } else if (multiLine) {
            newline(level - 1);
        }
        out.write(']');
    }

    void emptyContainer(char open, char close, int depth) {
        out.write(open);
        switch (shape) {
            case JACKSON_PRETTY -> out.write(' ');
            case RUBY_PRETTY -> {
                if (open == '[') {
                    out.write('\n');
                }
                newline(depth - 1);
            }
            default -> {
            }
        }
        out.write(close);
    }

    void string(JsonValue.Str s) throws LanguageFailure {
        rules.strings().write(s, out);
    }

    void number(JsonValue.Num n) throws LanguageFailure {
        scratch.setLength(0);
        rules.numbers().append(n, scratch);
        // Taken out in one bulk copy rather than a bounds-checked call per character.
        int length = scratch.length();
        if (length > scratchChars.length) {
            scratchChars = new char[Math.max(length, 2 * scratchChars.length)];
        }
        scratch.getChars(0, length, scratchChars, 0);
        out.writeAscii(scratchChars, length);
    }

    void literal(String word) {
        out.writeAscii(word);
    }

    /**
     * A line break and the indent of {@code level}, built once per level: pretty layouts write one
     * per entry. Only shallow levels are kept, since the lines of every level of a hostile nesting
     * would grow with the square of its depth.
     */
    private void newline(int level) {
        if (level >= newlines.length) {
            out.write('\n');
            for (int i = 0; i < level; i++) {
                out.write(indent);
            }
            return;
        }
        byte[] line = newlines[level];
        if (line == null) {
            line = new byte[1 + level * indent.length];
            line[0] = '\n';
            for (int i = 0; i < level; i++) {
                System.arraycopy(indent, 0, line, 1 + i * indent.length, indent.length);
            }
            newlines[level] = line;
        }
        out.write(line);
    }
}
