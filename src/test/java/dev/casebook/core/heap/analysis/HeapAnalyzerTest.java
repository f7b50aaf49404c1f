package dev.casebook.core.heap.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.census.CensusCodec;
import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.pyheap.PyheapGraph;
import dev.casebook.core.heap.pyheap.PyheapReader;
import dev.casebook.testing.ArrayHeapGraph;
import dev.casebook.testing.FailingSecondReader;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.HprofRecords;
import dev.casebook.testing.PyheapSnapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapAnalyzerTest {

    @Test
    void aDumpTooLargeForTheHeapIsRefusedUpFrontWithTheEstimateAndTheSetting() {
        InsufficientHeapException refused = assertThrows(InsufficientHeapException.class,
                () -> HeapAnalyzer.checkHeap(Integer.MAX_VALUE - 8, 4_000_000_000L));
        assertTrue(refused.getMessage().matches("the analysis of 2,147,483,639 objects and 4,000,000,000 references needs"
                + " about [\\d,]+ MB of Java heap.*"), refused.getMessage());
        assertTrue(refused.getMessage().contains("-Xmx") && refused.getMessage().contains("casebook.jobs.workers"));
        HeapAnalyzer.checkHeap(1000, 3000);
    }

    @Test
    void aGraphWithoutObjectsIsNeverASuccess() {
        ArrayHeapGraph empty = ArrayHeapGraph.of(new int[0][]);
        assertThrows(DumpFormatException.class, () -> HeapAnalyzer.analyse(empty, List.of(), AnalysisRequest.triageOnly(),
                CancelSignal.NEVER, ProgressListener.NONE));
    }

    @Test
    void aDumpCutBeforeItsObjectsFailsWithWhereItWasCutAndNeverBlamesTheTarget(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        int heapStart = HprofRecords.firstHeapDumpRecord(whole);
        // In the names, and among the class records at the head of the heap: both leave no instance or array.
        for (int cut : new int[] {heapStart / 2, heapStart + 2000}) {
            Path file = Files.write(dir.resolve("cut-" + cut + ".hprof"), java.util.Arrays.copyOf(whole, cut));
            DumpFormatException e = assertThrows(DumpFormatException.class, () -> HeapAnalyzer.analyse(file, DumpFormat.HPROF,
                    new AnalysisRequest(List.of(new TargetQuery.ClassName("java.lang.String", false)), 3, false, 10, 10),
                    CancelSignal.NEVER, ProgressListener.NONE), "cut at " + cut);
            assertTrue(e.reason().startsWith("the dump holds no heap objects"), e.reason());
            assertTrue(e.reason().contains("cut off"), e.reason());
            assertTrue(e.position() > 0 && e.position() <= cut, e.getMessage());
        }
    }

    @Test
    void aSnapshotWithoutObjectsFailsWithItsLine(@TempDir Path dir) throws IOException {
        Path cut = Files.writeString(dir.resolve("header-only.pyheap"),
                "{\"kind\": \"header\", \"format\": \"pyheap\", \"version\": 1}\n");
        DumpFormatException e = assertThrows(DumpFormatException.class, () -> HeapAnalyzer.analyse(cut, DumpFormat.PYHEAP,
                AnalysisRequest.triageOnly(), CancelSignal.NEVER, ProgressListener.NONE));
        assertEquals("line", e.unit());
        assertTrue(e.reason().contains("no objects") && e.reason().contains("cut off after line 1"), e.reason());
    }

    /**
     * Issue 17: missing references are the dump's, counted once each, whichever objects a query's searches
     * visit: three from an array a root holds, one from a held instance, one from garbage no search reaches.
     */
    @Test
    void missingReferencesAreCountedOnceForTheWholeDumpWhateverTheQuery(@TempDir Path dir) throws IOException {
        long foo = 0x100;
        long next = 0x10;
        byte[] bytes = dev.casebook.testing.HprofBuilder.hotspot().string(next, "next").declareClass(1, foo, "com/example/Foo")
                .declareClass(2, 0x200, "[Lcom/example/Foo;")
                .startHeap()
                .classDump(foo, 0, new long[0][], new long[][] {{next, 2}})
                .classDump(0x200, 0, new long[0][], new long[0][])
                .root(0x05, foo)
                .objectArray(0x1000, 0x200, 0xdead1, 0x2000, 0xdead2, 0xdead3)
                .jniGlobal(0x1000)
                .instance(0x2000, foo, 0xdead4)
                .instance(0x3000, foo, 0xdead5)
                .endHeap().heapDumpEnd().bytes();
        Path file = Files.write(dir.resolve("missing.hprof"), bytes);
        List<AnalysisRequest> requests = List.of(
                new AnalysisRequest(List.of(new TargetQuery.ClassName("com.example.Foo", false)), 3, false, 10, 10),
                new AnalysisRequest(List.of(), 3, true, 10, 10),
                new AnalysisRequest(List.of(new TargetQuery.ObjectId(0x3000)), 1, true, 10, 10));
        List<List<String>> warnings = new java.util.ArrayList<>();
        for (AnalysisRequest request : requests) {
            warnings.add(HeapAnalyzer.analyse(file, DumpFormat.HPROF, request, CancelSignal.NEVER, ProgressListener.NONE)
                    .dump().warnings());
        }
        assertEquals(1, warnings.get(0).size(), warnings.toString());
        String warning = warnings.get(0).get(0);
        assertTrue(warning.startsWith("5 references name ids that are not in the dump, 3 from com.example.Foo[] 0x1000"
                + " (held by a JNI global reference) and the rest from 2 other objects"), warning);
        assertEquals(java.util.Collections.nCopies(3, warnings.get(0)), warnings, "a property of the dump, not of the query");
    }

    /**
     * Issue 17: every fresh JDK 17 dump warned of hundreds of missing references "common in older dumps". They
     * are the class-data-sharing archive's: said so, counted once each.
     */
    @Test
    void theArchivedHeapsMissingObjectsAreNamedAsTheJdksOwnAndCountedOnce() throws IOException {
        Path dump = HeapDumps.leakyLiveWithCds();
        long expected = 0;
        try (dev.casebook.core.heap.hprof.HprofHeap heap = dev.casebook.core.heap.hprof.HprofHeap.open(dump,
                CancelSignal.NEVER, ProgressListener.NONE)) {
            // Each object visited exactly once: each missing reference counted exactly once.
            for (int i = 0; i < heap.objectCount(); i++) {
                heap.forEachReference(i, (slot, target, weak) -> { });
            }
            expected = heap.danglingReferences();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(expected > 0, "this JDK writes its archived heap into the dump");
        List<String> first = HeapAnalyzer.analyse(dump, DumpFormat.HPROF, new AnalysisRequest(
                List.of(new TargetQuery.ClassName("java.lang.String", false)), 3, false, 10, 10), CancelSignal.NEVER,
                ProgressListener.NONE).dump().warnings();
        List<String> second = HeapAnalyzer.analyse(dump, DumpFormat.HPROF, new AnalysisRequest(List.of(), 3, true, 10, 10),
                CancelSignal.NEVER, ProgressListener.NONE).dump().warnings();
        assertEquals(first, second);
        String warning = first.stream().filter(w -> w.contains("not write")).findFirst().orElseThrow(() ->
                new AssertionError(first.toString()));
        assertTrue(warning.startsWith(String.format(java.util.Locale.ROOT, "%,d references from one java.lang.Object[] 0x",
                expected)), warning + " (expected " + expected + ")");
        assertTrue(warning.contains("class-data-sharing archive") && warning.contains("nothing the program allocated is missing"),
                warning);
        assertTrue(first.stream().noneMatch(w -> w.contains("older dumps")), first.toString());
    }

    @Test
    void theFormatIsKnownByHowTheFileStarts() throws IOException {
        byte[] hprof = Files.readAllBytes(HeapDumps.leakyLive());
        assertEquals(DumpFormat.HPROF, DumpFormat.detect(java.util.Arrays.copyOf(hprof, DumpFormat.HEAD_BYTES)).orElseThrow());
        byte[] pyheap = "{\"kind\": \"header\", \"format\": \"pyheap\", \"version\": 1}\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(DumpFormat.PYHEAP, DumpFormat.detect(pyheap).orElseThrow());
        assertTrue(DumpFormat.detect("PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1)).isEmpty());
        assertEquals(DumpFormat.PYHEAP, DumpFormat.fromApiName("pyheap").orElseThrow());
        assertTrue(DumpFormat.fromApiName("auto").isEmpty());
    }

    @Test
    void oneAnalysisAnswersTargetsAndTriageTogether() {
        // 0 holds a list (1) of four items (2..5), each with a payload (6..9); 0 is the root.
        int[][] refs = {{1}, {2, 3, 4, 5}, {6}, {7}, {8}, {9}, {}, {}, {}, {}};
        long[] sizes = {16, 24, 16, 16, 16, 16, 1000, 1000, 1000, 1000};
        int[] types = {0, 1, 2, 2, 2, 2, 3, 3, 3, 3};
        ArrayHeapGraph graph = new ArrayHeapGraph(sizes, types, refs, null, new int[] {0});
        HeapReport report = HeapAnalyzer.analyse(graph, List.of(new TargetQuery.ClassName("T2", false)),
                new AnalysisRequest(List.of(new TargetQuery.ClassName("T2", false)), 2, false, 10, 50), CancelSignal.NEVER,
                ProgressListener.NONE);
        assertEquals(10, report.heap().reachableObjects());
        assertEquals(4104, report.heap().reachableBytes());
        assertEquals(4, report.targets().get(0).matched());
        assertEquals(8, report.targets().get(0).retainedObjects());
        assertEquals(4064, report.targets().get(0).retainedBytes());
        assertEquals(1, report.suspects().size());
        assertEquals(0x1000, report.suspects().get(0).holder().id(), "the root object holds it all");
        assertEquals(0x1000 + 16, report.suspects().get(0).accumulation().id(), "the list: no item keeps 70% of it");
        assertEquals("4 instances of T2 (100.0% of the heap) held by one T0, reached from root 0",
                report.suspects().get(0).title());
        assertEquals("T0", report.histogram().get(0).className());
        assertEquals(4104, report.histogram().get(0).retainedBytes());
        assertEquals(2, report.targets().get(0).chains().size());
    }

    /**
     * The search runs on a second thread beside the dominator tree when the heap has room: the report must not
     * depend on it, to the byte (chains, suspects, histogram, the kept index and census), for a JVM dump and a
     * CPython snapshot, with targets and weak references followed or not.
     */
    @Test
    void theSearchBesideTheDominatorTreeGivesTheSameReportAsTheSearchAfterIt() throws IOException {
        List<AnalysisRequest> requests = List.of(AnalysisRequest.triageOnly(),
                new AnalysisRequest(List.of(new TargetQuery.ClassName("java.util.HashMap", true)), 5, true, 50, 1));
        try (HprofHeap heap = HprofHeap.open(HeapDumps.leakyLive(), CancelSignal.NEVER, ProgressListener.NONE)) {
            for (AnalysisRequest request : requests) {
                assertSameReport(heap, request);
            }
        }
        PyheapGraph snapshot = PyheapReader.read(PyheapSnapshots.leaks(), CancelSignal.NEVER, ProgressListener.NONE);
        assertSameReport(snapshot, new AnalysisRequest(List.of(new TargetQuery.ClassName("__main__.Leaky", false)), 5, false, 50, 1));
    }

    private static void assertSameReport(HeapGraph graph, AnalysisRequest request) {
        HeapReport after = HeapAnalyzer.analyse(graph, request.targets(), request, false, CancelSignal.NEVER,
                ProgressListener.NONE);
        HeapReport beside = HeapAnalyzer.analyse(graph, request.targets(), request, true, CancelSignal.NEVER,
                ProgressListener.NONE);
        assertEquals(after.targets(), beside.targets());
        assertEquals(after.histogram(), beside.histogram());
        assertEquals(after.suspects(), beside.suspects());
        assertEquals(after.heap(), beside.heap());
        assertArrayEquals(after.dominatorIndex(), beside.dominatorIndex());
        assertArrayEquals(CensusCodec.write(after.census()), CensusCodec.write(beside.census()));
        assertTrue(after.census().shapes().size() > 1 && !after.suspects().isEmpty(), "a census and suspects to compare");
    }

    /**
     * A cancelled analysis stops both threads, and the search's thread is gone when the analysis returns: the
     * dump it reads is unmapped right after. Cancelled at many points, so that either thread may see it first.
     */
    @Test
    void aCancelledAnalysisStopsItsSearchBeforeReturning() throws IOException {
        try (HprofHeap heap = HprofHeap.open(HeapDumps.leakyLive(), CancelSignal.NEVER, ProgressListener.NONE)) {
            java.util.concurrent.atomic.AtomicInteger all = new java.util.concurrent.atomic.AtomicInteger();
            HeapAnalyzer.analyse(heap, List.of(), AnalysisRequest.triageOnly(), true, () -> all.incrementAndGet() < 0,
                    ProgressListener.NONE);
            assertTrue(all.get() > 3, "the analysis asks at several points: " + all);
            for (int checks = 0; checks < all.get(); checks++) {
                int after = checks;
                java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
                CancelSignal cancel = () -> asked.incrementAndGet() > after;
                assertThrows(AnalysisCancelledException.class, () -> HeapAnalyzer.analyse(heap, List.of(),
                        AnalysisRequest.triageOnly(), true, cancel, ProgressListener.NONE), "cancelled after " + after);
                assertTrue(Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals("casebook-search-and-keep")), "the search's thread ended");
            }
        }
    }

    /**
     * The second thread failing for good (a damaged dump it reads first) is the job's failure, said as it
     * happened, not as a cancellation; running out of heap there is not (the heap was sized for the work in
     * turn), and the report is then the one the work in turn gives. Either way the thread has ended.
     */
    @Test
    void aFailureOnTheSecondThreadIsTheJobsUnlessItRanOutOfHeap() throws IOException {
        try (HprofHeap heap = HprofHeap.open(HeapDumps.leakyLive(), CancelSignal.NEVER, ProgressListener.NONE)) {
            for (int reads : new int[] {0, 1, 1000, 20_000}) {
                HeapGraph damaged = new FailingSecondReader(heap, reads,
                        () -> DumpFormatException.atOffset("a record the second thread read", 42));
                DumpFormatException failed = assertThrows(DumpFormatException.class, () -> HeapAnalyzer.analyse(damaged,
                        List.of(), AnalysisRequest.triageOnly(), true, CancelSignal.NEVER, ProgressListener.NONE));
                assertTrue(failed.reason().startsWith("a record the second thread read"), failed.getMessage());
                assertSearchThreadEnded();

                HeapGraph tight = new FailingSecondReader(heap, reads, () -> new OutOfMemoryError("Java heap space"));
                HeapReport inTurn = HeapAnalyzer.analyse(heap, List.of(), AnalysisRequest.triageOnly(), false,
                        CancelSignal.NEVER, ProgressListener.NONE);
                HeapReport recovered = HeapAnalyzer.analyse(tight, List.of(), AnalysisRequest.triageOnly(), true,
                        CancelSignal.NEVER, ProgressListener.NONE);
                assertEquals(inTurn.suspects(), recovered.suspects());
                assertEquals(inTurn.histogram(), recovered.histogram());
                assertEquals(inTurn.heap(), recovered.heap());
                assertArrayEquals(inTurn.dominatorIndex(), recovered.dominatorIndex());
                assertArrayEquals(CensusCodec.write(inTurn.census()), CensusCodec.write(recovered.census()));
                assertSearchThreadEnded();
            }
        }
    }

    /** A progress listener that throws, between the phases, still leaves no second thread behind. */
    @Test
    void aThrowingProgressListenerLeavesNoSecondThread() throws IOException {
        try (HprofHeap heap = HprofHeap.open(HeapDumps.leakyLive(), CancelSignal.NEVER, ProgressListener.NONE)) {
            for (var phase : dev.casebook.core.heap.graph.AnalysisPhase.values()) {
                ProgressListener throwing = (p, percent) -> {
                    if (p == phase) {
                        throw new IllegalStateException("listener failed at " + p);
                    }
                };
                try {
                    HeapAnalyzer.analyse(heap, List.of(), AnalysisRequest.triageOnly(), true, CancelSignal.NEVER, throwing);
                } catch (IllegalStateException e) {
                    assertEquals("listener failed at " + phase, e.getMessage());
                }
                assertSearchThreadEnded();
            }
        }
    }

    private static void assertSearchThreadEnded() {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("casebook-search-and-keep")), "the second thread ended");
    }
}
