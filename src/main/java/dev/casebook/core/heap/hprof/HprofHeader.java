package dev.casebook.core.heap.hprof;

import dev.casebook.core.heap.graph.DumpFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The HPROF file header: {@code "JAVA PROFILE 1.0.x\0"}, the identifier size (4 or 8) and the dump's
 * time in milliseconds. Versions 1.0.1 (JDK 5/6 and Oracle JDK 8's agent), 1.0.2 (HotSpot since JDK 6)
 * and 1.0.3 (Android's ART) are read.
 */
record HprofHeader(String version, int idSize, long timestampMillis, long recordsStart) {

    static final Set<String> VERSIONS = Set.of("JAVA PROFILE 1.0.1", "JAVA PROFILE 1.0.2", "JAVA PROFILE 1.0.3");
    private static final int MAX_VERSION_LENGTH = 64;

    static HprofHeader read(DumpFile file) {
        int end = -1;
        long limit = Math.min(file.size(), MAX_VERSION_LENGTH);
        for (int i = 0; i < limit; i++) {
            if (file.u1(i) == 0) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw DumpFormatException.atOffset("not an HPROF file: no \"JAVA PROFILE 1.0.x\" header", 0);
        }
        String version = new String(file.bytes(0, end), StandardCharsets.ISO_8859_1);
        if (!VERSIONS.contains(version)) {
            String shown = version.replaceAll("[^\\x20-\\x7e]", "?");
            throw DumpFormatException.atOffset("not a supported HPROF version: \"" + shown
                    + "\" (expected JAVA PROFILE 1.0.1, 1.0.2 or 1.0.3)", 0);
        }
        long pos = end + 1L;
        if (file.size() < pos + 12) {
            throw DumpFormatException.atOffset("the file ends inside the HPROF header", file.size());
        }
        int idSize = file.i4(pos);
        if (idSize != 4 && idSize != 8) {
            throw DumpFormatException.atOffset("identifier size " + idSize + " (an HPROF file uses 4 or 8)", pos);
        }
        long timestamp = file.u8(pos + 4);
        return new HprofHeader(version.substring("JAVA PROFILE ".length()), idSize, timestamp, pos + 12);
    }
}
