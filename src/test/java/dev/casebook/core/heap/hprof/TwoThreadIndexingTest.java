package dev.casebook.core.heap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.HprofBuilder;
import dev.casebook.testing.TestDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Indexing with a second thread gives the heap one thread gives, on every kind of dump, whole or not. */
class TwoThreadIndexingTest {

    private static final long FOO = 0x100;
    private static final long LATE = 0x200;
    private static final long NEXT = 0x10;

    @TempDir
    Path dir;

    /** Everything a reader of the heap can see, hashed where it is per object. */
    record Seen(int objects, int roots, int types, String version, boolean complete, long truncatedAt,
            List<String> warnings, DumpStatistics statistics, long objectsHash, long referencesHash, long rootsHash) {
    }

    private static Seen seen(HprofHeap heap) {
        long objects = 17;
        long[] references = {17};
        for (int o = 0; o < heap.objectCount(); o++) {
            objects = 31 * objects + heap.objectId(o);
            objects = 31 * objects + heap.typeName(o).hashCode();
            objects = 31 * objects + heap.shallowSize(o);
            heap.forEachReference(o, (slot, target, weak) ->
                    references[0] = 31 * (31 * (31 * references[0] + slot) + target) + (weak ? 1 : 0));
        }
        long roots = 17;
        for (int r = 0; r < heap.rootCount(); r++) {
            roots = 31 * (31 * roots + heap.rootObject(r)) + heap.rootInfo(r).toString().hashCode();
        }
        return new Seen(heap.objectCount(), heap.rootCount(), heap.typeCount(), heap.version(), heap.complete(),
                heap.truncatedAt(), heap.warnings(), heap.statistics(), objects, references[0], roots);
    }

    private record Indexed(Seen seen, int segmentsReadBeside) {
    }

    private static Indexed index(Path dump, int threads, CancelSignal cancel) throws IOException {
        DumpFile file = DumpFile.open(dump, DumpFile.DEFAULT_WINDOW_SHIFT);
        HprofIndexer indexer = new HprofIndexer(file, cancel, ProgressListener.NONE, HprofIndexer.LENGTH_WRAP, threads);
        HprofHeap heap;
        try {
            heap = indexer.index();
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
        try (heap) {
            return new Indexed(seen(heap), indexer.segmentsReadBeside());
        }
    }

    private static Indexed index(Path dump, int threads) throws IOException {
        return index(dump, threads, CancelSignal.NEVER);
    }

    private static boolean indexThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("casebook-index") && t.isAlive());
    }

    @Test
    void aJdkDumpsSegmentsAreReadTwoAtATimeIntoTheSameHeap() throws IOException {
        Path dump = HeapDumps.leakyLive();
        Indexed one = index(dump, 1);
        Indexed two = index(dump, 2);
        assertEquals(one.seen(), two.seen());
        assertEquals(0, one.segmentsReadBeside());
        assertTrue(two.segmentsReadBeside() > 0, "HotSpot writes every class first: the objects' segments were split");
        assertFalse(indexThreadAlive());
    }

    @Test
    void androidsSegmentsToo() throws IOException {
        Path dump = TestDumps.path("lc1_leak_service_binder.hprof");
        Indexed two = index(dump, 2);
        assertEquals(index(dump, 1).seen(), two.seen());
        assertTrue(two.segmentsReadBeside() > 0);
    }

    /** Equal whether or not their layout lets two threads read them (old JDKs write one HEAP_DUMP record). */
    @ParameterizedTest
    @ValueSource(strings = {"lc1_leak_service_binder.hprof", "mat_sun_jdk6_32bit.hprof",
        "mat_sun_jdk6_30_x64_compressedOops.hprof", "mat_sun_jdk6_31_hprofagent_compressedOops.hprof",
        "mat_oracle_jdk8_05_x64.hprof", "mat_openjdk_jdk11_04_x64.hprof", "slurp_hprof-32.hprof", "slurp_hprof-64.hprof"})
    void otherRuntimesAndToolsDumpsIndexAlike(String name) throws IOException {
        Path dump = TestDumps.path(name);
        assertEquals(index(dump, 1).seen(), index(dump, 2).seen(), name);
    }

    @Test
    void aDumpCutInsideItsLastSegmentIsReadToTheSameCut() throws IOException {
        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        Path cut = Files.write(dir.resolve("cut.hprof"), Arrays.copyOf(whole, whole.length * 9 / 10));
        Indexed one = index(cut, 1);
        Indexed two = index(cut, 2);
        assertFalse(one.seen().complete());
        assertEquals(one.seen(), two.seen());
        assertTrue(two.segmentsReadBeside() > 0);
    }

    /** Foo's class in the first segment, then {@code segments} segments of Foo chains, the named one replaced. */
    private static HprofBuilder segmented(int segments) {
        HprofBuilder b = HprofBuilder.hotspot().string(NEXT, "next").declareClass(1, FOO, "com/example/Foo")
                .startHeap().classDump(FOO, 0, new long[0][], new long[][] {{NEXT, 2}}).endHeap();
        for (int s = 0; s < segments; s++) {
            b.startHeap();
            long base = 0x10000L * (s + 1);
            b.root(0x05, base);
            for (int i = 0; i < 50; i++) {
                b.instance(base + 16L * i, FOO, i < 49 ? base + 16L * (i + 1) : 0);
            }
            b.endHeap();
        }
        return b;
    }

    @Test
    void aClassDumpAmongTheObjectsSendsTheSecondHalfBackToOneThread() throws IOException {
        // A class no LOAD CLASS names, dumped after objects: its number must follow file order.
        HprofBuilder b = segmented(4).startHeap().classDump(LATE, 0, new long[0][], new long[][] {{NEXT, 2}})
                .instance(0x90000, LATE, 0x10000).root(0x05, 0x90000).endHeap();
        b = b.startHeap().instance(0x91000, LATE, 0x20000).root(0x05, 0x91000).endHeap().heapDumpEnd();
        Path dump = Files.write(dir.resolve("late-class.hprof"), b.bytes());
        Indexed one = index(dump, 1);
        Indexed two = index(dump, 2);
        assertEquals(one.seen(), two.seen());
        assertEquals(0, two.segmentsReadBeside(), "the second thread gave its segments back");
        assertFalse(indexThreadAlive());
    }

    @Test
    void aClassDumpInTheFirstHalfWithInstancesInTheSecondIsResolvedAfterwards() throws IOException {
        // LATE has no LOAD CLASS, so segments wait from the second on, LATE's CLASS DUMP among them.
        HprofBuilder b = segmented(1).startHeap().classDump(LATE, 0, new long[0][], new long[][] {{NEXT, 2}});
        for (int i = 0; i < 40; i++) {
            b.instance(0x80000 + 16L * i, LATE, 0x10000);
        }
        b.endHeap();
        for (int s = 0; s < 4; s++) {
            b.startHeap();
            for (int i = 0; i < 40; i++) {
                long id = 0x90000 + 0x1000L * s + 16L * i;
                b.instance(id, LATE, 0x10000).root(0x05, id);
            }
            b.endHeap();
        }
        Path dump = Files.write(dir.resolve("class-in-first-half.hprof"), b.heapDumpEnd().bytes());
        Indexed one = index(dump, 1);
        Indexed two = index(dump, 2);
        assertEquals(one.seen(), two.seen());
        assertTrue(two.segmentsReadBeside() > 0);
    }

    @Test
    void aSegmentWhoseLengthLiesFailsAsOneThreadFailsThere() throws IOException {
        HprofBuilder b = segmented(6).startHeap();
        for (int i = 0; i < 30; i++) {
            b.instance(0x90000 + 16L * i, FOO, 0);
        }
        b = b.endHeap(0x1c, 40).startHeap().instance(0xa0000, FOO, 0).endHeap().heapDumpEnd();
        Path dump = Files.write(dir.resolve("lying-length.hprof"), b.bytes());
        DumpFormatException one = assertThrows(DumpFormatException.class, () -> index(dump, 1));
        DumpFormatException two = assertThrows(DumpFormatException.class, () -> index(dump, 2));
        assertEquals(one.getMessage(), two.getMessage());
    }

    @Test
    void aCutInsideTheLastSegmentWhereTheFileEndsIsReportedOnce() throws IOException {
        // The last segment's length is right, but its last sub-record claims 1,000 bytes of fields the file lacks.
        HprofBuilder b = segmented(5).startHeap().instance(0x90000, FOO, 0).rawSub(new byte[] {0x21,
            0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0x03, (byte) 0xe8, 1, 2, 3})
                .endHeap();
        Path dump = Files.write(dir.resolve("cut-at-end.hprof"), b.bytes());
        Indexed one = index(dump, 1);
        Indexed two = index(dump, 2);
        assertFalse(one.seen().complete());
        assertEquals(1, one.seen().warnings().size(), one.seen().warnings().toString());
        assertEquals(one.seen(), two.seen());
        assertTrue(two.segmentsReadBeside() > 0, "the segments before the last were split");
    }

    @Test
    void damageInTheSecondHalfFailsAsOneThreadFailsThere() throws IOException {
        HprofBuilder b = segmented(6).startHeap().instance(0x90000, FOO, 0).rawSub(new byte[] {0x77, 1, 2, 3}).endHeap()
                .heapDumpEnd();
        Path dump = Files.write(dir.resolve("damaged.hprof"), b.bytes());
        DumpFormatException one = assertThrows(DumpFormatException.class, () -> index(dump, 1));
        DumpFormatException two = assertThrows(DumpFormatException.class, () -> index(dump, 2));
        assertEquals(one.getMessage(), two.getMessage());
        assertFalse(indexThreadAlive());
    }

    @Test
    void cancellingOnEitherThreadEndsBoth() throws IOException {
        Path dump = HeapDumps.leakyLive();
        for (boolean onSecond : new boolean[] {true, false}) {
            AtomicInteger secondChecks = new AtomicInteger();
            AtomicInteger firstChecks = new AtomicInteger();
            CancelSignal cancel = () -> {
                boolean second = Thread.currentThread().getName().equals("casebook-index");
                int seen = second ? secondChecks.incrementAndGet() : firstChecks.incrementAndGet();
                // The first thread checks once before any record; cancel at its first segment, or the second's.
                return onSecond ? second : !second && seen > 1;
            };
            assertThrows(AnalysisCancelledException.class, () -> index(dump, 2, cancel));
            assertFalse(indexThreadAlive(), "the second thread ended before the failure left the indexer");
            if (onSecond) {
                assertTrue(secondChecks.get() > 0, "the second thread's own check stopped it");
            }
        }
    }

    @Test
    void oneOrTwoThreadsOnly() {
        assertThrows(IllegalArgumentException.class, () -> HprofHeap.open(dir.resolve("none.hprof"), CancelSignal.NEVER,
                ProgressListener.NONE, 3));
    }
}
