package dev.casebook.core.heap.hprof;

/**
 * The HPROF format's record and sub-record tags, in one place for the reader ({@link HprofIndexer}) and the
 * writer ({@link HprofWriter}). Basic types are in {@link BasicType}, root kinds in {@link RootKind}.
 */
public final class HprofTags {

    // Top-level records: tag u1, time offset u4, body length u4, body.
    public static final int STRING = 0x01;
    public static final int LOAD_CLASS = 0x02;
    public static final int STACK_FRAME = 0x04;
    public static final int STACK_TRACE = 0x05;
    public static final int START_THREAD = 0x0a;
    public static final int HEAP_DUMP = 0x0c;
    public static final int HEAP_DUMP_SEGMENT = 0x1c;
    public static final int HEAP_DUMP_END = 0x2c;

    // Heap dump sub-records (roots have their tags in RootKind).
    public static final int CLASS_DUMP = 0x20;
    public static final int INSTANCE_DUMP = 0x21;
    public static final int OBJECT_ARRAY_DUMP = 0x22;
    public static final int PRIMITIVE_ARRAY_DUMP = 0x23;
    /** Android: a primitive array written without its elements. */
    public static final int PRIMITIVE_ARRAY_NODATA = 0xc3;
    /** Android: which heap (app, image, zygote) the following objects are in. */
    public static final int HEAP_DUMP_INFO = 0xfe;

    private HprofTags() {
    }
}
