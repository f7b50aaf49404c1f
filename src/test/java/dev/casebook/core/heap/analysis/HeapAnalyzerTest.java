package dev.casebook.core.heap.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.testing.ArrayHeapGraph;
import dev.casebook.testing.HeapDumps;
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

    /** Where the first heap dump record of a real dump starts (strings and classes come before it). */
    private static int firstHeapRecord(byte[] dump) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(dump);
        int at = 0;
        while (dump[at] != 0) {
            at++;
        }
        at += 1 + 4 + 8;
        while (dump[at] != 0x0c && dump[at] != 0x1c) {
            at += 9 + b.getInt(at + 5);
        }
        return at;
    }

    @Test
    void aDumpCutBeforeItsObjectsFailsWithWhereItWasCutAndNeverBlamesTheTarget(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        int heapStart = firstHeapRecord(whole);
        // In the names, and among the class records at the head of the heap: both leave no instance or array.
        for (int cut : new int[] {heapStart / 2, heapStart + 2000}) {
            Path file = Files.write(dir.resolve("cut-" + cut + ".hprof"), java.util.Arrays.copyOf(whole, cut));
            DumpFormatException e = assertThrows(DumpFormatException.class, () -> HeapAnalyzer.analyse(file, DumpFormat.HPROF,
                    new AnalysisRequest(List.of(new TargetQuery.ClassName("java.lang.String")), 3, false, 10, 10),
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
        HeapReport report = HeapAnalyzer.analyse(graph, List.of(new TargetQuery.ClassName("T2")),
                new AnalysisRequest(List.of(new TargetQuery.ClassName("T2")), 2, false, 10, 50), CancelSignal.NEVER,
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
}
