package dev.casebook.core.canon.encode;

import dev.casebook.core.canon.encode.number.NumberStyle;

/**
 * Everything one encoder decides about output, given the tree its language's parser produced.
 *
 * @param numbers         how number lexemes are read and printed
 * @param strings         escaping
 * @param keyOrder        member order
 * @param duplicates      what a repeated key means
 * @param containers      the language's container model where it changes the output (PHP)
 * @param layout          whitespace
 * @param maxEncodeDepth  nesting at which the encoder itself fails (JavaScript's call stack), or 0
 * @param trailingNewline whether a newline follows the value (Go's {@code Encoder.Encode})
 * @param nullMembers     what becomes of an object member whose value is null
 * @param root            which values the encoder takes at the top
 * @param scalarsCountInDepth whether a scalar counts as a level against {@code maxEncodeDepth} (Oj checks
 *                        the depth of every value it dumps; JavaScript's stack only grows with containers)
 */
public record EncodingRules(
        NumberStyle numbers,
        StringStyle strings,
        KeyOrder keyOrder,
        Duplicates duplicates,
        Containers containers,
        Layout layout,
        int maxEncodeDepth,
        boolean trailingNewline,
        NullMembers nullMembers,
        Root root,
        boolean scalarsCountInDepth) {

    /** Rules whose depth limit, if any, counts containers only. */
    public EncodingRules(NumberStyle numbers, StringStyle strings, KeyOrder keyOrder, Duplicates duplicates,
                         Containers containers, Layout layout, int maxEncodeDepth, boolean trailingNewline,
                         NullMembers nullMembers, Root root) {
        this(numbers, strings, keyOrder, duplicates, containers, layout, maxEncodeDepth, trailingNewline, nullMembers, root, false);
    }

    /** Rules that write null members and take any value at the top, as most encoders do. */
    public EncodingRules(NumberStyle numbers, StringStyle strings, KeyOrder keyOrder, Duplicates duplicates,
                         Containers containers, Layout layout, int maxEncodeDepth, boolean trailingNewline) {
        this(numbers, strings, keyOrder, duplicates, containers, layout, maxEncodeDepth, trailingNewline,
                NullMembers.WRITTEN, Root.ANY);
    }

    public enum NullMembers {
        WRITTEN,
        /** Left out, name and all: Gson's default ({@code serializeNulls} off). */
        DROPPED
    }

    public enum Root {
        ANY,
        /** Only an object or an array: org.json's {@code JSONObject} and {@code JSONArray} are all there is to call. */
        OBJECT_OR_ARRAY
    }

    /**
     * Whether a writer may stream the body from its bytes ({@link PortableTranscoder}): not when a
     * member's fate depends on its value, the order on a hash table, a character's escape on the
     * one before it, or the top value's kind on the encoder.
     */
    boolean streamable() {
        return nullMembers == NullMembers.WRITTEN && root == Root.ANY && keyOrder != KeyOrder.JAVA_HASHMAP
                && strings.streamable();
    }

    public enum Duplicates {
        /** The last value, at the position of the first occurrence: a map that was assigned twice. */
        LAST_VALUE_AT_FIRST_POSITION,
        /** An error: I-JSON (RFC 7493) forbids duplicate names, as RFC 8785 requires. */
        REJECT,
        /**
         * Every member written, repeats included, in source order: System.Text.Json's {@code JsonNode.Parse}
         * keeps the parsed document and {@code ToJsonString} writes it back without building a dictionary.
         */
        KEEP_ALL
    }

    public enum Containers {
        /** Arrays are arrays and objects are objects. */
        PLAIN,
        /** PHP {@code stdClass}: a property name starting with NUL is refused by {@code json_decode}. */
        PHP_OBJECTS,
        /** PHP associative arrays: {@code {}} encodes as {@code []}, keys "0".."n-1" in order encode as a list. */
        PHP_ARRAYS
    }
}
