package dev.casebook.core.heap.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.analysis.HeapReport;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.pyheap.PyheapGraph;
import dev.casebook.core.heap.pyheap.PyheapReader;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PyheapSnapshots;
import dev.casebook.testing.leaks.LeakyApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Triage of dumps that real runtimes wrote with leaks the test planted: the JDK's own dumpHeap of
 * {@link LeakyApp} (a static list of listeners, a static map cache) and a python3 process running
 * cache_leak.py (a global dict of Rooms). Nothing tells the analysis what leaked.
 */
class TriageTest {

    private static final String APP = LeakyApp.class.getName();
    private static HeapReport jvm;

    @BeforeAll
    static void analyse() throws IOException {
        jvm = triage(HeapDumps.leakyLive(), DumpFormat.HPROF);
    }

    private static HeapReport triage(Path dump, DumpFormat format) throws IOException {
        return HeapAnalyzer.analyse(dump, format, AnalysisRequest.triageOnly(), CancelSignal.NEVER, ProgressListener.NONE);
    }

    private static List<String> steps(Triage.Suspect suspect) {
        return suspect.chain().path().stream()
                .map(s -> (s.type().equals("java.lang.Class") ? "class " + s.name() : s.type()) + (s.edge() == null ? "" : " " + s.edge()))
                .toList();
    }

    private static void assertEndsWith(List<String> actual, String... end) {
        List<String> expected = List.of(end);
        assertTrue(actual.size() >= expected.size()
                && actual.subList(actual.size() - expected.size(), actual.size()).equals(expected),
                actual + " should end with " + expected);
    }

    @Test
    void theStaticListOfListenersIsTheFirstSuspect() {
        Triage.Suspect listeners = jvm.suspects().get(0);
        assertTrue(listeners.title().matches("3,000 instances of " + APP.replace(".", "\\.").replace("$", "\\$")
                + "\\$LeakyListener \\(\\d+\\.\\d% of the heap\\) held by one java\\.util\\.ArrayList, reached from static "
                + APP.replace(".", "\\.") + "\\$Bus\\.LISTENERS"), listeners.title());
        assertEquals("java.util.ArrayList", listeners.holder().type());
        assertEquals("java.lang.Object[]", listeners.accumulation().type());
        // Exactly what the list alone holds: itself, its array, and each listener with its byte[].
        assertEquals(2 + 2L * LeakyApp.LISTENER_COUNT, listeners.retainedObjects());
        assertTrue(listeners.retainedBytes() >= LeakyApp.LISTENER_COUNT * (16L + 1040), listeners.toString());
        assertEquals(listeners.holder().retainedBytes(), listeners.retainedBytes());
        assertEquals(Math.round(1000.0 * listeners.retainedBytes() / jvm.heap().reachableBytes()) / 10.0,
                listeners.retainedPercent());
        assertEndsWith(steps(listeners), "class " + APP + "$Bus static LISTENERS", "java.util.ArrayList elementData",
                "java.lang.Object[]");
        Triage.Content first = listeners.contents().get(0);
        assertEquals(APP + "$LeakyListener", first.className());
        assertEquals(LeakyApp.LISTENER_COUNT, first.instances());
        assertEquals(byteArrays(listeners.contents()), LeakyApp.LISTENER_COUNT);
    }

    private static long byteArrays(List<Triage.Content> contents) {
        return contents.stream().filter(c -> c.className().equals("byte[]")).mapToLong(Triage.Content::instances).sum();
    }

    @Test
    void theStaticMapCacheIsTheSecondSuspect() {
        Triage.Suspect cache = jvm.suspects().get(1);
        assertTrue(cache.title().startsWith("1,500 instances of " + APP + "$CacheEntry ("), cache.title());
        assertTrue(cache.title().endsWith(" held by one java.util.HashMap, reached from static " + APP + "$Cache.ENTRIES"),
                cache.title());
        assertEquals("java.util.HashMap$Node[]", cache.accumulation().type());
        assertEndsWith(steps(cache), "class " + APP + "$Cache static ENTRIES", "java.util.HashMap table",
                "java.util.HashMap$Node[]");
        assertTrue(cache.contents().stream().anyMatch(c -> c.className().equals(APP + "$CacheEntry")
                && c.instances() == LeakyApp.CACHE_ENTRIES));
        assertTrue(jvm.suspects().get(0).retainedBytes() >= cache.retainedBytes(), "largest first");
    }

    @Test
    void theHistogramCountsEveryInstanceAndRanksByRetainedSize() {
        Histogram.Row listeners = jvm.histogram().stream().filter(r -> r.className().equals(APP + "$LeakyListener"))
                .findFirst().orElseThrow();
        assertEquals(LeakyApp.LISTENER_COUNT, listeners.instances());
        // A listener: a 12-byte header and one compressed reference, 16 bytes; its byte[1024]: 16 + 1024.
        assertEquals(16L * LeakyApp.LISTENER_COUNT, listeners.shallowBytes());
        assertEquals((16L + 1040) * LeakyApp.LISTENER_COUNT, listeners.retainedBytes());
        for (int i = 1; i < jvm.histogram().size(); i++) {
            assertTrue(jvm.histogram().get(i - 1).retainedBytes() >= jvm.histogram().get(i).retainedBytes());
        }
        assertEquals(AnalysisRequest.triageOnly().histogramLimit(), jvm.histogram().size());
        assertTrue(jvm.heap().reachableObjects() <= jvm.heap().objects());
        assertTrue(jvm.heap().reachableBytes() > 0 && jvm.heap().reachableBytes() <= jvm.heap().shallowBytes());
    }

    @Test
    void theFingerprintIsTheSameInADumpOfAnotherRunAndDiffersBetweenLeaks() throws IOException {
        Path second = HeapDumps.write(Path.of("target", "heap-dumps", "leaky-live-second-run.hprof"), "live", 50, List.of());
        HeapReport again = triage(second, DumpFormat.HPROF);
        assertEquals(jvm.suspects().get(0).fingerprint(), again.suspects().get(0).fingerprint());
        assertEquals(jvm.suspects().get(1).fingerprint(), again.suspects().get(1).fingerprint());
        assertNotEquals(jvm.suspects().get(0).fingerprint(), jvm.suspects().get(1).fingerprint());
        assertNotEquals(jvm.suspects().get(0).holder().id(), 0L);
    }

    @Test
    void aPythonGlobalDictCacheIsTheSuspectAndItsFingerprintIsStable() throws IOException {
        HeapReport first = triage(PyheapSnapshots.cacheLeak("cache-leak-1.pyheap", 20_000), DumpFormat.PYHEAP);
        Triage.Suspect cache = first.suspects().get(0);
        assertTrue(cache.title().matches("20,000 instances of __main__\\.Room \\(\\d+\\.\\d% of the heap\\) held by one dict,"
                + " reached from global __main__\\.CACHE"), cache.title());
        assertEquals("dict", cache.holder().type());
        assertEquals(List.of("dict(globals of module __main__) ['CACHE']", "dict"), cache.chain().path().stream()
                .map(s -> s.type() + (s.name() == null ? "" : "(" + s.name() + ")") + (s.edge() == null ? "" : " " + s.edge()))
                .toList().subList(cache.chain().path().size() - 2, cache.chain().path().size()));
        Triage.Content rooms = cache.contents().get(0);
        assertEquals("__main__.Room", rooms.className());
        assertEquals(20_000, rooms.instances());
        // Each Room holds its own 1 KB bytes: at least that much is retained.
        assertTrue(cache.retainedBytes() > 20_000L * 1024, cache.toString());
        assertTrue(cache.retainedPercent() > 50, cache.toString());
        HeapReport second = triage(PyheapSnapshots.cacheLeak("cache-leak-2.pyheap", 20_000), DumpFormat.PYHEAP);
        assertEquals(cache.fingerprint(), second.suspects().get(0).fingerprint());
        assertNotEquals(cache.fingerprint(), jvm.suspects().get(0).fingerprint());
    }

    @Test
    void aDictsStringKeysAreRetainedWithIt() throws IOException {
        int rooms = 2_000;
        PyheapGraph graph = PyheapReader.read(PyheapSnapshots.cacheLeak("cache-leak-keys.pyheap", rooms), CancelSignal.NEVER,
                ProgressListener.NONE);
        DominatorTree tree = DominatorTree.compute(graph, CancelSignal.NEVER, ProgressListener.NONE);
        // NAMES: rooms keys "room-name-000000"..., all str, values None (immortal, held by everything).
        int names = -1;
        for (int o = 0; o < graph.objectCount(); o++) {
            if (graph.typeName(o).equals("dict") && tree.retainedObjects(o) == rooms + 1) {
                int[] keys = {0};
                tree.forEachChild(o, c -> keys[0] += graph.typeName(c).equals("str") ? 1 : 0);
                if (keys[0] == rooms) {
                    names = o;
                }
            }
        }
        assertTrue(names >= 0, "the dict of names retains itself and its " + rooms + " str keys");
    }
}
