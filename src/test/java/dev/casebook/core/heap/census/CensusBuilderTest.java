package dev.casebook.core.heap.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.analysis.HeapReport;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.PathGroup;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.triage.Triage;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PyheapSnapshots;
import dev.casebook.testing.leaks.LeakyApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The census of a real JVM dump and a real python3 snapshot: its shapes are the chain groups' shapes with the
 * groups' counts, every reachable object is counted once, each class's shapes add up to its histogram row, and
 * it survives its bytes.
 */
class CensusBuilderTest {

    private static final String ROOM = LeakyApp.class.getName() + "$Room";
    private static HeapReport jvm;

    @BeforeAll
    static void analyse() throws IOException {
        jvm = analyse(HeapDumps.leakyLive(), DumpFormat.HPROF, List.of(new TargetQuery.ClassName(ROOM, false)));
    }

    private static HeapReport analyse(Path dump, DumpFormat format, List<TargetQuery> targets) throws IOException {
        AnalysisRequest request = new AnalysisRequest(targets, 10, false, 50, Triage.DEFAULT_SUSPECT_THRESHOLD);
        return HeapAnalyzer.analyse(dump, format, request, CancelSignal.NEVER, ProgressListener.NONE);
    }

    @Test
    void aShapeCountsWhatItsChainGroupCounts() {
        List<PathGroup> groups = jvm.targets().get(0).groups();
        assertTrue(groups.size() >= 2, groups.toString());
        for (PathGroup group : groups) {
            List<Census.ShapeRow> rows = jvm.census().shapes().stream()
                    .filter(r -> r.className().equals(ROOM) && r.path().equals(group.path())).toList();
            assertEquals(1, rows.size(), "the census has the group's shape " + group.path());
            assertEquals(group.count(), rows.get(0).instances(), group.path().toString());
            assertEquals(group.retainedBytes(), rows.get(0).retainedBytes(), group.path().toString());
        }
    }

    @Test
    void everyReachableObjectIsCountedOnceAndEachClassAddsUp() {
        assertCountsAddUp(jvm.census());
    }

    @Test
    void aPythonSnapshotAddsUpToo() throws IOException {
        Census census = analyse(PyheapSnapshots.cacheLeak("census.pyheap.gz", 2_000), DumpFormat.PYHEAP, List.of()).census();
        assertCountsAddUp(census);
        Census.ShapeRow rooms = census.shapes().stream().filter(r -> r.className().equals("__main__.Room"))
                .max(java.util.Comparator.comparingLong(Census.ShapeRow::instances)).orElseThrow();
        assertEquals(2_000, rooms.instances());
        assertTrue(rooms.path().contains("dict ['CACHE']") && rooms.path().contains("dict [*]"), rooms.path().toString());
    }

    private static void assertCountsAddUp(Census census) {
        assertEquals(census.totals().reachableObjects(), census.shapes().stream().mapToLong(Census.ShapeRow::instances).sum());
        Map<String, long[]> byClass = new HashMap<>();
        for (Census.ShapeRow r : census.shapes()) {
            long[] sums = byClass.computeIfAbsent(r.className(), k -> new long[2]);
            sums[0] += r.instances();
            sums[1] += r.retainedBytes();
        }
        for (Census.ClassRow c : census.classes()) {
            long[] sums = byClass.getOrDefault(c.className(), new long[2]);
            assertTrue(sums[0] <= c.instances(), c.className());
            assertEquals(c.retainedBytes(), sums[1], c.className());
        }
        assertEquals(census.totals().objects(), census.classes().stream().mapToLong(Census.ClassRow::instances).sum());
    }

    @Test
    void keptShapesPassTheShareAndTheRestIsOneRowPerClass() {
        Census census = jvm.census();
        long objects = census.totals().reachableObjects();
        long bytes = census.totals().reachableBytes();
        for (Census.ShapeRow r : census.shapes()) {
            if (!r.otherShapes()) {
                assertTrue(r.instances() >= objects * CensusBuilder.KEPT_SHARE
                        || r.retainedBytes() >= bytes * CensusBuilder.KEPT_SHARE, r.toString());
            }
        }
        assertEquals(census.shapes().stream().filter(Census.ShapeRow::otherShapes).map(Census.ShapeRow::className).distinct()
                .count(), census.shapes().stream().filter(Census.ShapeRow::otherShapes).count(), "one other-shapes row per class");
    }

    @Test
    void atMostSoManyShapesAreKeptTheLargest() {
        List<Census.ShapeRow> rows = new ArrayList<>();
        rows.add(new Census.ShapeRow("A", List.of(), 7, 70, 70));
        for (int i = 0; i <= CensusBuilder.MAX_SHAPES; i++) {
            rows.add(new Census.ShapeRow("A", List.of("ROOT: r", "A f" + i, "A"), 10 + i, 16, 16));
        }
        List<Census.ShapeRow> kept = CensusBuilder.bounded(rows, new Census.Totals(1_000_000, 16_000_000, 1_000_000,
                16_000_000));
        assertEquals(CensusBuilder.MAX_SHAPES + 1, kept.size());
        assertEquals(10 + CensusBuilder.MAX_SHAPES, kept.get(0).instances(), "the largest first");
        assertEquals(new Census.ShapeRow("A", List.of(), 7 + 10, 70 + 16, 70 + 16), kept.get(kept.size() - 1),
                "the smallest is summed with the other shapes");
    }

    @Test
    void theKeptBytesReadBackAsTheSameCensus() throws IOException {
        byte[] kept = CensusCodec.write(jvm.census());
        assertEquals(jvm.census(), CensusCodec.read(kept));
        assertTrue(kept.length < jvm.dump().bytes() / 20, kept.length + " bytes for a dump of " + jvm.dump().bytes());
        byte[] cut = java.util.Arrays.copyOf(kept, kept.length / 2);
        assertThrows(IOException.class, () -> CensusCodec.read(cut));
        assertThrows(IOException.class, () -> CensusCodec.read(jvm.dominatorIndex()));
    }
}
