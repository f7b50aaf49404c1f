package dev.casebook.core.heap.hprof;

/**
 * The GC root sub-records of a heap dump, HotSpot's and Android's, with their tags and what each
 * carries after the object id. Android's ROOT_UNREACHABLE marks an object nothing holds; it is read
 * but does not hold its object.
 */
public enum RootKind {
    UNKNOWN(0xff, 0, "Root of unknown kind"),
    JNI_GLOBAL(0x01, -1, "JNI global reference"),
    JNI_LOCAL(0x02, 8, "JNI local reference"),
    JAVA_FRAME(0x03, 8, "Local variable"),
    NATIVE_STACK(0x04, 4, "Native stack reference"),
    STICKY_CLASS(0x05, 0, "System class"),
    THREAD_BLOCK(0x06, 4, "Thread block"),
    MONITOR_USED(0x07, 0, "Monitor in use (synchronized)"),
    THREAD_OBJECT(0x08, 8, "Live thread"),
    INTERNED_STRING(0x89, 0, "Interned string"),
    FINALIZING(0x8a, 0, "Awaiting finalization"),
    DEBUGGER(0x8b, 0, "Held by the debugger"),
    REFERENCE_CLEANUP(0x8c, 0, "Reference being cleaned up"),
    VM_INTERNAL(0x8d, 0, "Held by the VM"),
    JNI_MONITOR(0x8e, 8, "JNI monitor"),
    UNREACHABLE(0x90, 0, "Unreachable (not a root)");

    private static final RootKind[] BY_TAG = new RootKind[256];

    static {
        for (RootKind kind : values()) {
            BY_TAG[kind.tag] = kind;
        }
    }

    final int tag;
    /** Bytes after the object id: -1 for one more id (JNI_GLOBAL's reference id), else a fixed count. */
    private final int extraBytes;
    final String meaning;

    RootKind(int tag, int extraBytes, String meaning) {
        this.tag = tag;
        this.extraBytes = extraBytes;
        this.meaning = meaning;
    }

    /** The root sub-record's tag. */
    public int tag() {
        return tag;
    }

    /** The kind for a sub-record tag, or null when the tag is not a root. */
    static RootKind ofTag(int tag) {
        return BY_TAG[tag & 0xff];
    }

    int recordLength(int idSize) {
        return 1 + idSize + (extraBytes < 0 ? idSize : extraBytes);
    }

    /** Whether the record carries a thread serial right after the id. */
    boolean hasThread() {
        return extraBytes >= 4;
    }

    /** Whether the record carries a frame number (JNI_LOCAL, JAVA_FRAME) after the thread serial. */
    boolean hasFrame() {
        return this == JAVA_FRAME || this == JNI_LOCAL;
    }

    boolean holdsStrongly() {
        return this != UNREACHABLE;
    }
}
