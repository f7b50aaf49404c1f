package dev.casebook.core.heap.pyheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.testing.PyheapSnapshots;
import dev.casebook.testing.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chains in snapshots a real python3 wrote with pyheap.py, from leaks.py's planted leaks. */
class PyheapChainsTest {

    private static PyheapGraph heap;

    @BeforeAll
    static void snapshot() throws Exception {
        heap = PyheapReader.read(PyheapSnapshots.leaks(), CancelSignal.NEVER, ProgressListener.NONE);
    }

    private static TargetResult analyse(String className) {
        return Targets.analyse(heap, List.of(new TargetQuery.ClassName(className, false)),
                new NearestRoots.Options(5, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
    }

    private static List<String> steps(Chain chain) {
        return chain.path().stream().map(s -> s.type() + (s.edge() == null ? "" : " " + s.edge())).toList();
    }

    @Test
    void theSnapshotIsWholeAndHasRoots() {
        assertTrue(heap.complete(), heap.warnings().toString());
        // Interned strings and other objects held by the interpreter are roots too (terminal ones).
        assertTrue(heap.rootCount() > 10 && heap.rootCount() < heap.objectCount() / 2, "roots: " + heap.rootCount());
    }

    @Test
    void aGlobalCacheHoldingABoundMethodGivesTheSeedsChain() {
        TargetResult leaky = analyse("__main__.Leaky");
        assertEquals(1, leaky.reachable());
        List<String> chain = steps(leaky.chains().get(0));
        assertEquals(List.of("dict ['CACHE']", "list [0]", "method .__self__", "__main__.Leaky"),
                chain.subList(chain.size() - 4, chain.size()), chain.toString());
        assertEquals("IMPLICIT", leaky.chains().get(0).root().kind());
        assertTrue(leaky.chains().get(0).root().description().contains("held from outside"));
        assertEquals(1, analyse("Leaky").matched(), "the bare type name matches too");
    }

    @Test
    void aClassQueryWithSubclassesCountsTheWholeHierarchyFromItsMro() {
        assertEquals(1, analyse("__main__.Handler").matched());
        TargetResult all = Targets.analyse(heap, List.of(new TargetQuery.ClassName("__main__.Handler", true)),
                new NearestRoots.Options(5, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
        assertEquals(6, all.matched());
        assertEquals(java.util.Set.of("__main__.Handler", "__main__.RetryHandler", "__main__.BackoffHandler"),
                all.typeMatch().types());
        TargetResult retry = Targets.analyse(heap, List.of(new TargetQuery.ClassName("RetryHandler", true)),
                new NearestRoots.Options(5, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
        assertEquals(5, retry.matched(), "a subclass query does not go up the hierarchy");
    }

    @Test
    void aMistypedTypeNameMatchesNothingAndSuggestsTheNearOnes() {
        TargetResult typo = analyse("RetryHandlr");
        assertEquals(0, typo.matched());
        assertTrue(typo.typeMatch().types().isEmpty());
        assertEquals("__main__.RetryHandler", typo.typeMatch().similar().get(0), typo.typeMatch().toString());
    }

    @Test
    void aClosureInARegistryIsReachedThroughTheCell() {
        List<String> chain = steps(analyse("__main__.Closure").chains().get(0));
        assertEquals(List.of("dict ['on_close']", "function .__closure__", "tuple [0]", "cell .cell_contents",
                "__main__.Closure"), chain.subList(chain.size() - 5, chain.size()), chain.toString());
    }

    @Test
    void aReferenceHeldFromCMakesTheObjectItsOwnRoot() {
        TargetResult fromC = analyse("__main__.FromC");
        Chain chain = fromC.chains().get(0);
        assertEquals(1, chain.path().size(), steps(chain).toString());
        assertTrue(chain.root().description().contains("held from outside: 1"), chain.root().description());
    }

    @Test
    void anUntrackedObjectHeldFromCIsItsOwnRootAndNamedInTheHeader() {
        long[] targets = heap.headerTargets();
        assertEquals(1, targets.length);
        Chain chain = Targets.analyse(heap, List.of(new TargetQuery.ObjectId(targets[0])),
                new NearestRoots.Options(1, false), CancelSignal.NEVER, ProgressListener.NONE).get(0).chains().get(0);
        assertEquals(List.of("str"), steps(chain));
        assertTrue(chain.root().description().contains("held from outside: 1"), chain.root().description());
    }

    @Test
    void aLocalOfABlockedThreadIsNamedByItsFrame() {
        Chain chain = analyse("__main__.Job").chains().get(0);
        assertEquals(1, chain.path().size());
        assertTrue(chain.root().description().startsWith("local 'victim' in thread worker-1, worker() at leaks.py:"),
                chain.root().description());
    }

    @Test
    void threadLocalAndAtexitLeaksAreReachable() {
        assertEquals(1, analyse("__main__.Session").reachable());
        List<String> atexit = steps(analyse("__main__.AtExit").chains().get(0));
        assertEquals("method .__self__", atexit.get(atexit.size() - 2), atexit.toString());
    }

    @Test
    void damagedSnapshotsFailWithTheLineNumber() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "pyheap"));
        String header = "{\"kind\": \"header\", \"format\": \"pyheap\", \"version\": 1, \"targets\": []}\n";
        String object = "{\"address\": 1, \"type\": \"list\", \"refcnt\": 1}\n";
        record Case(String text, String reason, long line) {
        }
        for (Case c : List.of(
                new Case(object + object, "not a pyheap header", 1),
                new Case(header.replace("\"version\": 1", "\"version\": 7"), "unknown pyheap version 7", 1),
                new Case(header + "this is not json\n" + object, "not a JSON line", 2),
                new Case(header + "{\"type\": \"list\"}\n", "needs \"address\"", 2),
                // Issue 17: a garbled kind is damage, not a line to skip.
                new Case(header + object + "{\"kind\": \"objecu\", \"address\": 2}\n" + object, "unknown line kind \"objecu\"", 3),
                new Case(header, "holds no objects", 1))) {
            Path file = Files.writeString(dir.resolve("damaged.pyheap"), c.text());
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.casebook.core.heap.graph.DumpFormatException.class,
                    () -> PyheapReader.read(file, CancelSignal.NEVER, ProgressListener.NONE));
            assertTrue(e.reason().contains(c.reason()), e.getMessage());
            assertEquals(c.line(), e.position(), e.getMessage());
            assertEquals("line", e.unit());
        }
    }

    @Test
    void aFreeThreadedSnapshotWarnsThatRootsMayBeMissed() throws IOException {
        Path file = Files.writeString(Path.of("target", "pyheap", "free-threaded.pyheap"), String.join("\n",
                "{\"kind\": \"header\", \"format\": \"pyheap\", \"version\": 1, \"gil_disabled\": true, \"targets\": [2]}",
                "{\"address\": 1, \"type\": \"dict\", \"refcnt\": 2, \"refs\": [2], \"labels\": [\"['x']\"]}",
                "{\"address\": 2, \"type\": \"app.Leak\", \"refcnt\": 1}",
                "{\"kind\": \"end\", \"objects\": 2}") + "\n");
        PyheapGraph threaded = PyheapReader.read(file, CancelSignal.NEVER, ProgressListener.NONE);
        assertTrue(threaded.warnings().stream().anyMatch(w -> w.contains("roots may be missed")), threaded.warnings().toString());
        assertTrue(threaded.complete());
        Chain chain = Targets.analyse(threaded, List.of(new TargetQuery.ObjectId(2)), new NearestRoots.Options(1, false),
                CancelSignal.NEVER, ProgressListener.NONE).get(0).chains().get(0);
        assertEquals(List.of("dict ['x']", "app.Leak"), steps(chain));
        assertTrue(chain.root().description().contains("refcount 2, references from tracked objects 0, held from outside: 2"),
                chain.root().description());
    }

    @Test
    void aMeliaeDumpIsReadWithApproximateRoots() throws IOException {
        Path file = Files.writeString(Path.of("target", "pyheap", "meliae.json"), String.join("\n",
                "{\"address\": 10, \"type\": \"dict\", \"size\": 100, \"refs\": [20]}",
                "{\"address\": 20, \"type\": \"list\", \"size\": 60, \"refs\": [30]}",
                "{\"address\": 30, \"type\": \"Leaky\", \"size\": 40, \"refs\": []}") + "\n");
        PyheapGraph meliae = PyheapReader.read(file, CancelSignal.NEVER, ProgressListener.NONE);
        assertTrue(meliae.warnings().get(0).contains("approximate"), meliae.warnings().toString());
        TargetResult leaky = Targets.analyse(meliae, List.of(new TargetQuery.ClassName("Leaky", false)),
                new NearestRoots.Options(1, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
        assertEquals(3, leaky.chains().get(0).length(), "from the dict nothing references");
    }

    @Test
    void aCutSnapshotIsMarkedIncomplete() throws IOException {
        Path whole = Path.of("target", "pyheap", "whole.pyheap");
        Path out = PyheapSnapshots.leaks();
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(out))) {
            Files.write(whole, in.readAllBytes());
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(Path.of("target", "pyheap", "cut.pyheap"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        PyheapGraph partial = PyheapReader.read(cut, CancelSignal.NEVER, ProgressListener.NONE);
        assertTrue(!partial.complete());
        assertTrue(String.join(" ", partial.warnings()).contains("no end line"), partial.warnings().toString());
    }
}
