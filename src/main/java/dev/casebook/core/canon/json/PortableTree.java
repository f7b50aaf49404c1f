package dev.casebook.core.canon.json;

import java.util.ArrayDeque;

/**
 * Whether a tree read with strict RFC 8259 rules is the tree every modelled language's parser
 * would read from the same text. Strictly valid JSON is read alike by all of them except in three
 * places: lone surrogate escapes (kept, replaced or refused), nesting past Ruby's 100 levels, and
 * number lexemes past Jackson's 1000 characters. Without those, a profile can encode the strict
 * tree directly instead of parsing the text again. Linear in the tree; allocates one stack.
 */
public final class PortableTree {

    static final int MAX_DEPTH = 100;
    static final int MAX_NUMBER_LENGTH = 1000;

    private PortableTree() {
    }

    public static boolean check(JsonValue root) {
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            JsonValue v = (JsonValue) top[0];
            int depth = (Integer) top[1];
            if (v instanceof JsonValue.Str s) {
                if (hasLoneSurrogate(s.value())) {
                    return false;
                }
            } else if (v instanceof JsonValue.Num n) {
                if (n.lexeme().length() > MAX_NUMBER_LENGTH) {
                    return false;
                }
            } else if (v instanceof JsonValue.Obj o) {
                if (depth + 1 > MAX_DEPTH) {
                    return false;
                }
                for (JsonValue.Member m : o.members()) {
                    if (hasLoneSurrogate(m.key().value())) {
                        return false;
                    }
                    stack.push(new Object[] {m.value(), depth + 1});
                }
            } else if (v instanceof JsonValue.Arr a) {
                if (depth + 1 > MAX_DEPTH) {
                    return false;
                }
                for (JsonValue e : a.elements()) {
                    stack.push(new Object[] {e, depth + 1});
                }
            }
        }
        return true;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }
}
