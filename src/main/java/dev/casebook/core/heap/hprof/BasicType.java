package dev.casebook.core.heap.hprof;

import dev.casebook.core.heap.graph.DumpFormatException;

/** HPROF's basic types: the tag written before a field or array element type, and its size. */
public final class BasicType {

    public static final int OBJECT = 2;
    public static final int BOOLEAN = 4;
    public static final int CHAR = 5;
    public static final int FLOAT = 6;
    public static final int DOUBLE = 7;
    public static final int BYTE = 8;
    public static final int SHORT = 9;
    public static final int INT = 10;
    public static final int LONG = 11;

    private static final String[] NAMES = {
        null, null, "object", null, "boolean", "char", "float", "double", "byte", "short", "int", "long"
    };

    private BasicType() {
    }

    /** The size in bytes of a value of {@code type}; throws with {@code offset} for an unknown type. */
    public static int size(int type, int idSize, long offset) {
        switch (type) {
            case OBJECT: return idSize;
            case BOOLEAN, BYTE: return 1;
            case CHAR, SHORT: return 2;
            case FLOAT, INT: return 4;
            case DOUBLE, LONG: return 8;
            default: throw DumpFormatException.atOffset("unknown basic type " + type, offset);
        }
    }

    /** The Java name of a primitive element type ({@code int}), for array type names. */
    static String javaName(int type) {
        return type > 0 && type < NAMES.length && NAMES[type] != null && type != OBJECT ? NAMES[type] : "unknown";
    }
}
