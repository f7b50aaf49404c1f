package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The order in which an encoder writes an object's members (after duplicates are resolved). */
public enum KeyOrder {
    /** As inserted: Python, PHP, Ruby, Jackson. */
    INSERTION,
    /**
     * ECMAScript OrdinaryOwnPropertyKeys: array-index keys (canonical decimal integers below
     * 2^32 - 1) first in ascending numeric order, then the rest as inserted.
     */
    ARRAY_INDEX_FIRST,
    /** By Unicode code point, which is UTF-8 byte order: Python's sort_keys, Go's map keys. */
    CODE_POINT,
    /** By UTF-16 code unit: RFC 8785. */
    UTF16,
    /**
     * The iteration order of a {@code java.util.HashMap} the names were put into in order (org.json's
     * {@code JSONObject}): by bucket, which hangs on each name's {@code String.hashCode} and on the
     * table's size after every resize, then by insertion within a bucket. Reproduced by doing
     * exactly that with the JDK's own HashMap, whose layout has not changed since Java 8.
     */
    JAVA_HASHMAP;

    private static final Comparator<JsonValue.Member> BY_CODE_POINT = (a, b) -> compareCodePoints(a.key().value(), b.key().value());
    private static final Comparator<JsonValue.Member> BY_UTF16 = Comparator.comparing(m -> m.key().value());

    public List<JsonValue.Member> arrange(List<JsonValue.Member> members) {
        if (members.size() < 2 || this == INSERTION) {
            return members;
        }
        if (this == JAVA_HASHMAP) {
            return hashMapOrder(members);
        }
        List<JsonValue.Member> sorted = new ArrayList<>(members);
        switch (this) {
            case CODE_POINT -> {
                if (inOrder(members, BY_CODE_POINT)) {
                    return members;
                }
                sorted.sort(BY_CODE_POINT);
            }
            case UTF16 -> {
                if (inOrder(members, BY_UTF16)) {
                    return members;
                }
                sorted.sort(BY_UTF16);
            }
            case ARRAY_INDEX_FIRST -> {
                List<JsonValue.Member> indices = new ArrayList<>();
                List<JsonValue.Member> rest = new ArrayList<>();
                for (JsonValue.Member m : members) {
                    (arrayIndex(m.key().value()) >= 0 ? indices : rest).add(m);
                }
                if (indices.isEmpty()) {
                    return members;
                }
                indices.sort(Comparator.comparingLong(m -> arrayIndex(m.key().value())));
                sorted.clear();
                sorted.addAll(indices);
                sorted.addAll(rest);
            }
            default -> throw new IllegalStateException();
        }
        return sorted;
    }

    private static List<JsonValue.Member> hashMapOrder(List<JsonValue.Member> members) {
        Map<String, JsonValue.Member> map = new HashMap<>();
        for (JsonValue.Member m : members) {
            map.put(m.key().value(), m);
        }
        return new ArrayList<>(map.values());
    }

    /**
     * For the sorting orders, how two names compare (negative when {@code a} goes first): a
     * streaming writer keeps source order only while each name sorts after the one before it.
     */
    int compare(String a, String b) {
        return switch (this) {
            case CODE_POINT -> compareCodePoints(a, b);
            case UTF16 -> a.compareTo(b);
            default -> throw new IllegalStateException(this + " does not sort");
        };
    }

    private static boolean inOrder(List<JsonValue.Member> members, Comparator<JsonValue.Member> order) {
        for (int i = 1; i < members.size(); i++) {
            if (order.compare(members.get(i - 1), members.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The key's value as an ECMAScript array index, or -1 when it is not one (also a JavaScript object's key order for query params). */
    public static long arrayIndex(String key) {
        int n = key.length();
        if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < 0xFFFF_FFFFL ? v : -1;
    }

    /**
     * Code point order without decoding: at the first differing unit, a unit that is half of a
     * surrogate pair stands for an astral code point and so sorts above any other unit (a lone
     * surrogate is a code point of its own, as in Python); otherwise the units compare as they are.
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                boolean astralA = inPair(a, i);
                boolean astralB = inPair(b, i);
                if (astralA != astralB) {
                    return astralA ? 1 : -1;
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static boolean inPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
