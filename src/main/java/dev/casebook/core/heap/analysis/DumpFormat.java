package dev.casebook.core.heap.analysis;

import dev.casebook.core.heap.pyheap.PyheapReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The dump formats Casebook reads, each recognised by how its (inflated) file starts. */
public enum DumpFormat {
    /** A JVM or Android heap dump ("JAVA PROFILE 1.0.x"). */
    HPROF,
    /** A CPython snapshot written by {@code pyheap.py}. */
    PYHEAP;

    private static final byte[] HPROF_MAGIC = "JAVA PROFILE ".getBytes(StandardCharsets.US_ASCII);
    /** Enough of a file's start to recognise any format. */
    public static final int HEAD_BYTES = 512;

    /** The name in the API and in stored jobs: {@code hprof}, {@code pyheap}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DumpFormat> fromApiName(String name) {
        for (DumpFormat f : values()) {
            if (f.apiName().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format a file starting with {@code head} is in, if any. */
    public static Optional<DumpFormat> detect(byte[] head) {
        if (head.length >= HPROF_MAGIC.length && Arrays.equals(Arrays.copyOf(head, HPROF_MAGIC.length), HPROF_MAGIC)) {
            return Optional.of(HPROF);
        }
        return PyheapReader.looksLikePyheap(head) ? Optional.of(PYHEAP) : Optional.empty();
    }
}
