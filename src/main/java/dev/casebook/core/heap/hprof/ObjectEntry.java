package dev.casebook.core.heap.hprof;

import dev.casebook.core.heap.graph.DumpFormatException;

/**
 * What the index keeps per object besides its id, packed in one {@code long} so the search can skip the
 * file for objects that hold no references and never looks a class up by id:
 * bits 0-39 the sub-record's file offset (dumps up to 1 TiB), bits 40-61 the class index (for an
 * instance, an object array or a class object) or the element type (a primitive array), bits 62-63 the
 * kind.
 */
final class ObjectEntry {

    static final int INSTANCE = 0;
    static final int OBJECT_ARRAY = 1;
    static final int PRIMITIVE_ARRAY = 2;
    static final int CLASS = 3;

    static final int UNKNOWN_CLASS = (1 << 22) - 1;
    static final long MAX_OFFSET = (1L << 40) - 1;

    private ObjectEntry() {
    }

    static long pack(int kind, int classOrType, long offset) {
        if (offset > MAX_OFFSET) {
            throw DumpFormatException.atOffset("dumps larger than 1 TiB are not supported", offset);
        }
        return ((long) kind << 62) | ((long) (classOrType & UNKNOWN_CLASS) << 40) | offset;
    }

    static long offset(long entry) {
        return entry & MAX_OFFSET;
    }

    static int kind(long entry) {
        return (int) (entry >>> 62);
    }

    static int classOrType(long entry) {
        return (int) ((entry >>> 40) & UNKNOWN_CLASS);
    }

    static long withClass(long entry, int classIndex) {
        return (entry & ~((long) UNKNOWN_CLASS << 40)) | ((long) (classIndex & UNKNOWN_CLASS) << 40);
    }
}
