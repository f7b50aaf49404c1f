package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
    UTF16;

    private static final Comparator<JsonValue.Member> BY_CODE_POINT = (a, b) -> compareCodePoints(a.key().value(), b.key().value());
    private static final Comparator<JsonValue.Member> BY_UTF16 = Comparator.comparing(m -> m.key().value());

    public List<JsonValue.Member> arrange(List<JsonValue.Member> members) {
        if (members.size() < 2 || this == INSERTION) {
            return members;
        }
        List<JsonValue.Member> sorted = new ArrayList<>(members);
        switch (this) {
            case CODE_POINT -> sorted.sort(BY_CODE_POINT);
            case UTF16 -> sorted.sort(BY_UTF16);
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

    /** The key's value as an ECMAScript array index, or -1 when it is not one. */
    static long arrayIndex(String key) {
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

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
