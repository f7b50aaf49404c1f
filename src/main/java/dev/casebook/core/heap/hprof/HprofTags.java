package dev.casebook.core.heap.hprof;

/**
 * The HPROF format's record and sub-record tags, in one place for the reader ({@link HprofIndexer}) and the
 * writer ({@link HprofWriter}). Basic types are in {@link BasicType}, root kinds in {@link RootKind}.
 */
public final class HprofTags {

    // Top-level records: tag u1, time offset u4, body length u4, body.
    public static final int STRING = 0x01;
    public static final int LOAD_CLASS = 0x02;
    public static final int UNLOAD_CLASS = 0x03;
    public static final int STACK_FRAME = 0x04;
    public static final int STACK_TRACE = 0x05;
    public static final int ALLOC_SITES = 0x06;
    public static final int HEAP_SUMMARY = 0x07;
    public static final int START_THREAD = 0x0a;
    public static final int END_THREAD = 0x0b;
    public static final int HEAP_DUMP = 0x0c;
    public static final int CPU_SAMPLES = 0x0d;
    public static final int CONTROL_SETTINGS = 0x0e;
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

    /**
     * Whether {@code tag} is a top-level record any HPROF writer (HotSpot, the JDK 6 agent, Android) writes.
     * Anything else where a record should start is damage, as Eclipse MAT reads it: a flipped bit or a
     * record length that sent the reader into the middle of another record.
     */
    public static boolean isKnownRecord(int tag) {
        return switch (tag) {
            case STRING, LOAD_CLASS, UNLOAD_CLASS, STACK_FRAME, STACK_TRACE, ALLOC_SITES, HEAP_SUMMARY, START_THREAD,
                    END_THREAD, HEAP_DUMP, CPU_SAMPLES, CONTROL_SETTINGS, HEAP_DUMP_SEGMENT, HEAP_DUMP_END -> true;
            default -> false;
        };
    }

    /**
     * The one body length a record of fixed layout has, or -1 for records of variable length: any other
     * length is damage, however much of the file follows.
     */
    public static long fixedLength(int tag, int idSize) {
        return switch (tag) {
            case LOAD_CLASS -> 8 + 2L * idSize;
            case UNLOAD_CLASS, END_THREAD -> 4;
            case STACK_FRAME -> 4L * idSize + 8;
            case START_THREAD -> 8 + 4L * idSize;
            case HEAP_SUMMARY -> 24;
            case CONTROL_SETTINGS -> 6;
            case HEAP_DUMP_END -> 0;
            default -> -1;
        };
    }
}
