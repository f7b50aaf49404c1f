package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link JsonValue} tree as one language's encoder would, byte for byte.
 *
 * <p>Contract: input is a tree already accepted by the language's parse rules; output is the
 * UTF-8 bytes, or a {@link LanguageFailure} naming why the language would refuse. Linear in the
 * size of the tree, except for sorting keys. Iterative (an explicit stack), so nesting depth is
 * bounded by the rules and memory, never by the Java call stack.
 */
public final class JsonEncoder {

    private final EncodingRules rules;
    private final Layout layout;
    private final boolean multiLine;
    private final ByteSink out;
    /** The separators and indent as bytes, chosen once per encoding rather than per entry. */
    private final byte[] memberSeparator;
    private final byte[] elementSeparator;
    private final byte[] keySeparator;
    private final byte[] indent;
    private final byte[][] newlines = new byte[32][];
    private final int[] keyHashes = new int[24];
    private final StringBuilder scratch = new StringBuilder(32);
    private char[] scratchChars = new char[32];
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    /** Jackson indents by the number of enclosing objects only: its arrays are printed inline. */
    private int openObjects;

    private JsonEncoder(EncodingRules rules, int sizeHint) {
        this.rules = rules;
        this.layout = rules.layout();
        this.multiLine = layout.shape() != Layout.Shape.SINGLE_LINE;
        this.out = new ByteSink(sizeHint);
        String item = layout.shape() == Layout.Shape.SINGLE_LINE ? layout.itemSeparator() : ",";
        this.memberSeparator = ascii(item);
        this.elementSeparator = ascii(layout.shape() == Layout.Shape.JACKSON_PRETTY ? ", " : item);
        this.keySeparator = ascii(layout.keySeparator());
        this.indent = ascii(layout.indent());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] encode(JsonValue value, EncodingRules rules, int sizeHint) throws LanguageFailure {
        JsonEncoder encoder = new JsonEncoder(rules, sizeHint);
        encoder.run(value);
        if (rules.trailingNewline()) {
            encoder.out.write('\n');
        }
        return encoder.out.toByteArray();
    }

    /** An open array or object whose entries are being written. */
    private static final class Frame {
        final boolean object;
        final List<JsonValue.Member> members;
        final List<JsonValue> elements;
        final int depth;
        final int level;
        /** Read once: asking the list per entry showed in profiles. */
        final int size;
        int next;

        Frame(boolean object, List<JsonValue.Member> members, List<JsonValue> elements, int depth, int level) {
            this.object = object;
            this.members = members;
            this.elements = elements;
            this.depth = depth;
            this.level = level;
            this.size = object ? members.size() : elements.size();
        }
    }

    private void run(JsonValue root) throws LanguageFailure {
        open(root, 0);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next == f.size) {
                close(f);
                continue;
            }
            int i = f.next++;
            if (i > 0) {
                out.write(f.object ? memberSeparator : elementSeparator);
            }
            if (f.object) {
                if (multiLine) {
                    newline(f.level);
                }
                JsonValue.Member m = f.members.get(i);
                rules.strings().write(m.key(), out);
                out.write(keySeparator);
                open(m.value(), f.depth);
            } else {
                if (multiLine && layout.shape() != Layout.Shape.JACKSON_PRETTY) {
                    newline(f.level);
                }
                open(f.elements.get(i), f.depth);
            }
        }
    }

    /** Writes a scalar, or the start of a container (pushing a frame for its entries). */
    private void open(JsonValue v, int depth) throws LanguageFailure {
        if (v instanceof JsonValue.Str s) {
            rules.strings().write(s, out);
        } else if (v instanceof JsonValue.Num n) {
            scratch.setLength(0);
            rules.numbers().append(n, scratch);
            writeScratch();
        } else if (v instanceof JsonValue.Obj o) {
            openObject(o, depth + 1);
        } else if (v instanceof JsonValue.Arr a) {
            openArray(a.elements(), depth + 1);
        } else if (v == JsonValue.Bool.TRUE) {
            out.writeAscii("true");
        } else if (v == JsonValue.Bool.FALSE) {
            out.writeAscii("false");
        } else {
            out.writeAscii("null");
        }
    }

    /** The number text in {@link #scratch}, taken out in one bulk copy rather than a bounds-checked call per character. */
    private void writeScratch() {
        int n = scratch.length();
        if (n > scratchChars.length) {
            scratchChars = new char[Math.max(n, 2 * scratchChars.length)];
        }
        scratch.getChars(0, n, scratchChars, 0);
        out.writeAscii(scratchChars, n);
    }

    private void openObject(JsonValue.Obj o, int depth) throws LanguageFailure {
        checkDepth(depth);
        List<JsonValue.Member> members = resolveDuplicates(o.members());
        if (rules.containers() == EncodingRules.Containers.PHP_ARRAYS && (members.isEmpty() || isPhpList(members))) {
            List<JsonValue> values = new ArrayList<>(members.size());
            for (JsonValue.Member m : members) {
                values.add(m.value());
            }
            openArray(values, depth);
            return;
        }
        if (rules.containers() == EncodingRules.Containers.PHP_OBJECTS) {
            checkPhpPropertyNames(members);
        }
        if (members.isEmpty()) {
            emptyContainer('{', '}', depth);
            return;
        }
        out.write('{');
        openObjects++;
        int level = layout.shape() == Layout.Shape.JACKSON_PRETTY ? openObjects : depth;
        stack.push(new Frame(true, rules.keyOrder().arrange(members), null, depth, level));
    }

    private void openArray(List<JsonValue> elements, int depth) throws LanguageFailure {
        checkDepth(depth);
        if (elements.isEmpty()) {
            emptyContainer('[', ']', depth);
            return;
        }
        out.write('[');
        if (layout.shape() == Layout.Shape.JACKSON_PRETTY) {
            out.write(' ');
        }
        stack.push(new Frame(false, null, elements, depth, depth));
    }

    private void close(Frame f) {
        stack.pop();
        if (f.object) {
            openObjects--;
            if (multiLine) {
                newline(f.level - 1);
            }
            out.write('}');
            return;
        }
        if (layout.shape() == Layout.Shape.JACKSON_PRETTY) {
            out.write(' ');
        } else if (multiLine) {
            newline(f.level - 1);
        }
        out.write(']');
    }

    private void checkDepth(int depth) throws LanguageFailure {
        if (rules.maxEncodeDepth() > 0 && depth > rules.maxEncodeDepth()) {
            throw LanguageFailure.encode("RangeError: Maximum call stack size exceeded (nesting deeper than "
                    + rules.maxEncodeDepth() + " levels)");
        }
    }

    private void emptyContainer(char open, char close, int depth) {
        out.write(open);
        switch (layout.shape()) {
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

    private List<JsonValue.Member> resolveDuplicates(List<JsonValue.Member> members) throws LanguageFailure {
        int n = members.size();
        if (n < 2 || (n <= keyHashes.length && noDuplicates(members))) {
            return members;
        }
        Map<String, Integer> firstIndex = new HashMap<>(n * 2);
        List<JsonValue.Member> result = null;
        for (int i = 0; i < n; i++) {
            JsonValue.Member m = members.get(i);
            Integer first = firstIndex.putIfAbsent(m.key().value(), result == null ? i : result.size());
            if (first == null) {
                if (result != null) {
                    result.add(m);
                }
                continue;
            }
            if (rules.duplicates() == EncodingRules.Duplicates.REJECT) {
                throw LanguageFailure.parse("duplicate property name \"" + m.key().value() + "\" (I-JSON forbids duplicates)");
            }
            if (result == null) {
                result = new ArrayList<>(members.subList(0, i));
            }
            checkDiscarded(result.get(first).value());
            result.set(first, new JsonValue.Member(result.get(first).key(), m.value()));
        }
        return result == null ? members : result;
    }

    /**
     * A quadratic scan over the names' hashes, gathered once into a reused array: cheaper than a
     * hash set for the objects real bodies have, and one pass of pointer chasing rather than one
     * per pair. The parser shares the String of a repeated name, so each hash is computed once per
     * document.
     */
    private boolean noDuplicates(List<JsonValue.Member> members) {
        int n = members.size();
        int[] hashes = keyHashes;
        for (int i = 0; i < n; i++) {
            hashes[i] = members.get(i).key().value().hashCode();
        }
        for (int i = 1; i < n; i++) {
            int hash = hashes[i];
            for (int j = 0; j < i; j++) {
                if (hashes[j] == hash && members.get(j).key().value().equals(members.get(i).key().value())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkPhpPropertyNames(List<JsonValue.Member> members) throws LanguageFailure {
        for (JsonValue.Member m : members) {
            if (!m.key().value().isEmpty() && m.key().value().charAt(0) == '\0') {
                throw LanguageFailure.parse("The decoded property name is invalid");
            }
        }
    }

    /**
     * A value that a later duplicate key replaces was still parsed, so whatever the parser refuses
     * in it (Go's out-of-range numbers, PHP's NUL property names) fails the whole body.
     */
    private void checkDiscarded(JsonValue discarded) throws LanguageFailure {
        ArrayDeque<JsonValue> pending = new ArrayDeque<>();
        pending.push(discarded);
        while (!pending.isEmpty()) {
            JsonValue v = pending.pop();
            if (v instanceof JsonValue.Num n) {
                rules.numbers().checkParsed(n);
            } else if (v instanceof JsonValue.Arr a) {
                a.elements().forEach(pending::push);
            } else if (v instanceof JsonValue.Obj o) {
                if (rules.containers() == EncodingRules.Containers.PHP_OBJECTS) {
                    checkPhpPropertyNames(o.members());
                }
                o.members().forEach(m -> pending.push(m.value()));
            }
        }
    }

    private static boolean isPhpList(List<JsonValue.Member> members) {
        for (int i = 0; i < members.size(); i++) {
            if (!members.get(i).key().value().equals(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }
}
