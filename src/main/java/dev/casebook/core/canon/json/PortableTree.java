package dev.casebook.core.canon.json;

import java.util.List;

/**
 * Whether a tree read with strict RFC 8259 rules is the tree every modelled language's parser
 * would read from the same text. Strictly valid JSON is read alike by all of them except in three
 * places: lone surrogate escapes (kept, replaced or refused), nesting past System.Text.Json's 64 levels, and
 * number lexemes past Jackson's 1000 characters. Without those, a profile can encode the strict
 * tree directly instead of parsing the text again. Linear in the tree; allocates nothing.
 */
public final class PortableTree {

    /** System.Text.Json's reader refuses deeper nesting (its default MaxDepth); Ruby's refuses past 100. */
    public static final int MAX_DEPTH = 64;
    /** Jackson's parser refuses longer numbers. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private PortableTree() {
    }

    public static boolean check(JsonValue root) {
        return portable(root, 0);
    }

    /**
     * Whether the whole document, and so every value in it, is portable, judged from what the
     * parse saw rather than by walking the tree again. False does not make a part non-portable:
     * a request's body may be portable when another field is not, which {@link #check} decides.
     */
    public static boolean check(JsonParser.Extent extent) {
        return extent.depth() <= MAX_DEPTH && extent.longestNumber() <= MAX_NUMBER_LENGTH && !extent.loneSurrogates();
    }

    /**
     * Whether {@code part}, a value of the document whose parse saw {@code documentExtent}, is
     * portable: from the extent when the whole document is, else by walking {@code part}.
     */
    public static boolean check(JsonParser.Extent documentExtent, JsonValue part) {
        return check(documentExtent) || check(part);
    }

    /** Recursive: the depth is checked before descending, so the recursion stops at {@value #MAX_DEPTH} levels. */
    private static boolean portable(JsonValue v, int depth) {
        if (v instanceof JsonValue.Str s) {
            return !hasLoneSurrogate(s.value());
        }
        if (v instanceof JsonValue.Num n) {
            return n.lexeme().length() <= MAX_NUMBER_LENGTH;
        }
        if (v instanceof JsonValue.Obj o) {
            if (depth + 1 > MAX_DEPTH) {
                return false;
            }
            List<JsonValue.Member> members = o.members();
            for (int i = 0; i < members.size(); i++) {
                JsonValue.Member m = members.get(i);
                if (hasLoneSurrogate(m.key().value()) || !portable(m.value(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof JsonValue.Arr a) {
            if (depth + 1 > MAX_DEPTH) {
                return false;
            }
            List<JsonValue> elements = a.elements();
            for (int i = 0; i < elements.size(); i++) {
                if (!portable(elements.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
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
