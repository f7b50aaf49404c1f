package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.json.JsonValue;
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
    private final JsonWriter writer;
    private final int[] keyHashes = new int[24];
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();

    private JsonEncoder(EncodingRules rules, int sizeHint) {
        this.rules = rules;
        this.writer = new JsonWriter(rules, sizeHint);
    }

    public static byte[] encode(JsonValue value, EncodingRules rules, int sizeHint) throws LanguageFailure {
        JsonEncoder encoder = new JsonEncoder(rules, sizeHint);
        if (rules.numbers().checksMemberValues()) {
            checkMemberValues(value, rules);
        }
        encoder.run(value);
        return encoder.writer.finish();
    }

    /**
     * The parser puts every member's value, repeated names' included, into its object before
     * anything is written, so what the object refuses fails the parse even where an encode error
     * would come earlier in the text.
     */
    private static void checkMemberValues(JsonValue root, EncodingRules rules) throws LanguageFailure {
        ArrayDeque<JsonValue> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonValue v = pending.pop();
            if (v instanceof JsonValue.Arr a) {
                a.elements().forEach(pending::push);
            } else if (v instanceof JsonValue.Obj o) {
                for (JsonValue.Member m : o.members()) {
                    if (m.value() instanceof JsonValue.Num n) {
                        rules.numbers().checkMemberValue(n);
                    }
                    pending.push(m.value());
                }
            }
        }
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
        if (rules.root() == EncodingRules.Root.OBJECT_OR_ARRAY && !(root instanceof JsonValue.Obj || root instanceof JsonValue.Arr)) {
            throw LanguageFailure.parse("A JSONObject text must begin with '{' (or a JSONArray text with '['): the body is a "
                    + "single value, which neither class reads");
        }
        open(root, 0);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next == f.size) {
                stack.pop();
                if (f.object) {
                    writer.closeObject(f.level);
                } else {
                    writer.closeArray(f.level);
                }
                continue;
            }
            int i = f.next++;
            if (f.object) {
                writer.startMember(i, f.level);
                JsonValue.Member m = f.members.get(i);
                writer.string(m.key());
                writer.keySeparator();
                open(m.value(), f.depth);
            } else {
                writer.startElement(i, f.level);
                open(f.elements.get(i), f.depth);
            }
        }
    }

    /** Writes a scalar, or the start of a container (pushing a frame for its entries). */
    private void open(JsonValue v, int depth) throws LanguageFailure {
        if (rules.scalarsCountInDepth() && !(v instanceof JsonValue.Obj || v instanceof JsonValue.Arr)) {
            writer.checkDepth(depth + 1);
        }
        if (v instanceof JsonValue.Str s) {
            writer.string(s);
        } else if (v instanceof JsonValue.Num n) {
            writer.number(n);
        } else if (v instanceof JsonValue.Obj o) {
            openObject(o, depth + 1);
        } else if (v instanceof JsonValue.Arr a) {
            openArray(a.elements(), depth + 1);
        } else if (v == JsonValue.Bool.TRUE) {
            writer.literal("true");
        } else if (v == JsonValue.Bool.FALSE) {
            writer.literal("false");
        } else {
            writer.literal("null");
        }
    }

    private void openObject(JsonValue.Obj o, int depth) throws LanguageFailure {
        writer.checkDepth(depth);
        List<JsonValue.Member> members = resolveDuplicates(o.members());
        if (rules.nullMembers() == EncodingRules.NullMembers.DROPPED) {
            members = withoutNulls(members);
        }
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
            writer.emptyContainer('{', '}', depth);
            return;
        }
        int level = writer.openObject(depth);
        stack.push(new Frame(true, rules.keyOrder().arrange(members), null, depth, level));
    }

    private void openArray(List<JsonValue> elements, int depth) throws LanguageFailure {
        writer.checkDepth(depth);
        if (elements.isEmpty()) {
            writer.emptyContainer('[', ']', depth);
            return;
        }
        stack.push(new Frame(false, null, elements, depth, writer.openArray(depth)));
    }

    private static List<JsonValue.Member> withoutNulls(List<JsonValue.Member> members) {
        List<JsonValue.Member> kept = members;
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).value() == JsonValue.Null.NULL) {
                if (kept == members) {
                    kept = new ArrayList<>(members.subList(0, i));
                }
            } else if (kept != members) {
                kept.add(members.get(i));
            }
        }
        return kept;
    }

    private List<JsonValue.Member> resolveDuplicates(List<JsonValue.Member> members) throws LanguageFailure {
        int n = members.size();
        if (rules.duplicates() == EncodingRules.Duplicates.KEEP_ALL) {
            return members;
        }
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
                throw LanguageFailure.parse("duplicate property name \"" + m.key().value() + "\" (this encoder's input must not repeat a name)");
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
