package dev.casebook.core.heap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.DumpFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFileTest {

    @TempDir
    Path dir;

    private Path file(int bytes) throws IOException {
        byte[] content = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            content[i] = (byte) i;
        }
        return Files.write(dir.resolve("dump-" + bytes + ".hprof"), content);
    }

    /** How many of this process's mappings are of {@code file} (Linux). */
    private static long mappingsOf(Path file) throws IOException {
        String name = file.toAbsolutePath().toString();
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.endsWith(name)).count();
        }
    }

    @Test
    void readsAcrossWindowEdgesAndRefusesPastTheEnd() throws IOException {
        try (DumpFile dump = DumpFile.open(file(100), 4)) {
            // Window 16..31 extended by the overlap: a u8 starting at 12 crosses into the next window.
            assertEquals(0x0c0d0e0f10111213L, dump.u8(12));
            assertEquals(0x1f20, dump.u2(31));
            assertEquals(99, dump.u1(99));
            assertThrows(DumpFormatException.class, () -> dump.u4(97));
            assertThrows(DumpFormatException.class, () -> dump.u1(-1));
        }
    }

    @Test
    void closeUnmapsAtOnceSoADeletedDumpLeavesNothingBehind() throws IOException {
        assertTrue(DumpFile.Unmapper.available(), "sun.misc.Unsafe.invokeCleaner is there on every JDK we run on");
        Path path = file(1 << 16);
        DumpFile dump = DumpFile.open(path, 12);
        assertTrue(mappingsOf(path) > 0, "mapped while open");
        dump.close();
        assertEquals(0, mappingsOf(path), "no mapping left for the collector to find");
    }

    @Test
    void aReadAfterCloseThrowsInsteadOfTouchingUnmappedMemory() throws IOException {
        DumpFile dump = DumpFile.open(file(64), 4);
        assertEquals(5, dump.u1(5));
        dump.close();
        assertThrows(IndexOutOfBoundsException.class, () -> dump.u1(5));
        assertThrows(IndexOutOfBoundsException.class, () -> dump.idUnchecked(8, 8));
        dump.close();
    }
}
