package dev.casebook.core.heap.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.testing.GrowthDumps;
import dev.casebook.testing.leaks.GrowingApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three dumps of a program that leaks 1,000 objects per step into a static map (a global dict in Python) while it
 * churns noise, written by a real JVM and a real python3: what grew is found by shape alone, from the censuses
 * the analyses kept (each through its bytes, as a job keeps it), with the exact counts.
 */
class GrowthOfRealProgramsTest {

    private static final String LEAK = GrowingApp.class.getName() + "$Leak";
    private static final String NOISE = GrowingApp.class.getName() + "$Noise";

    private static List<Census> censuses(List<Path> dumps, DumpFormat format) throws IOException {
        List<Census> out = new ArrayList<>();
        for (Path dump : dumps) {
            Census census = HeapAnalyzer.analyse(dump, format, AnalysisRequest.triageOnly(), CancelSignal.NEVER,
                    ProgressListener.NONE).census();
            out.add(CensusCodec.read(CensusCodec.write(census)));
        }
        return out;
    }

    @Test
    void theJvmLeakGrowsByAThousandAtEveryStepAndTheChurnDoesNot() throws IOException {
        List<Census> censuses = censuses(GrowthDumps.jvm(), DumpFormat.HPROF);
        Growth.Report report = Growth.compare(censuses);

        Growth.ShapeGrowth leak = only(report, LEAK);
        assertEquals(List.of(1000L, 2000L, 3000L), leak.steps());
        assertTrue(leak.growingEveryStep());
        assertEquals(2000, leak.delta().instances());
        assertTrue(leak.path().get(0).startsWith("STICKY_CLASS: "), leak.path().toString());
        assertEquals(List.of(GrowingApp.class.getName() + " static LEAKS", "java.util.HashMap table",
                "java.util.HashMap$Node[] [*]", "java.util.HashMap$Node value", LEAK),
                leak.path().subList(leak.path().size() - 5, leak.path().size()));
        // A Leak retains itself (16 bytes) and its 64-byte array (16 + 64).
        assertEquals(2000L * (16 + 16 + 64), leak.delta().retainedBytes());
        assertTrue(report.shapes().stream().filter(Growth.ShapeGrowth::growingEveryStep)
                .noneMatch(g -> g.className().equals(NOISE) || g.path().stream().anyMatch(s -> s.contains("RECENT"))),
                "the churned noise never counts as growth");
        assertTrue(report.shapes().stream().noneMatch(g -> g.className().equals(NOISE)), "the ring's count never changed");

        Growth.ClassGrowth histogram = report.classes().stream().filter(c -> c.className().equals(LEAK)).findFirst()
                .orElseThrow();
        assertEquals(List.of(1000L, 2000L, 3000L), histogram.steps());
        assertEquals(2000, histogram.delta().instances());
        assertEquals(2000L * 16, histogram.delta().shallowBytes());
        assertTrue(report.classes().stream().noneMatch(c -> c.className().equals(NOISE)));
        // Largest first: what holds the map (the class, the map, its table) gains all the leak's bytes.
        assertEquals(GrowingApp.class.getName(), last(report.shapes().get(0).path()));
        assertEquals(List.of("java.util.HashMap", "java.util.HashMap$Node[]", "java.util.HashMap$Node", LEAK, "byte[]",
                "java.lang.Integer"), report.shapes().subList(1, 7).stream().map(Growth.ShapeGrowth::className).toList());
        assertTrue(report.shapes().subList(0, 7).stream().allMatch(Growth.ShapeGrowth::growingEveryStep));
    }

    @Test
    void thePythonLeakGrowsByAThousandAtEveryStepAndTheChurnDoesNot() throws IOException {
        List<Census> censuses = censuses(GrowthDumps.python(), DumpFormat.PYHEAP);
        Growth.Report report = Growth.compare(censuses);

        Growth.ShapeGrowth leak = only(report, "__main__.Leak");
        assertEquals(List.of(1000L, 2000L, 3000L), leak.steps());
        assertTrue(leak.growingEveryStep());
        assertTrue(String.join(" / ", leak.path()).contains("['LEAKS']"), leak.path().toString());
        assertTrue(leak.path().contains("dict [*]"), "the data dict's keys are one step: " + leak.path());
        assertTrue(report.shapes().stream().noneMatch(g -> g.className().equals("__main__.Noise")),
                "the ring of noise never changed its count");
        Growth.ClassGrowth histogram = report.classes().stream().filter(c -> c.className().equals("__main__.Leak"))
                .findFirst().orElseThrow();
        assertEquals(List.of(1000L, 2000L, 3000L), histogram.steps());
        assertTrue(report.classes().stream().noneMatch(c -> c.className().equals("__main__.Noise")));
    }

    @Test
    void twoDumpsAreCompared() throws IOException {
        List<Census> censuses = censuses(GrowthDumps.jvm(), DumpFormat.HPROF);
        Growth.Report report = Growth.compare(List.of(censuses.get(0), censuses.get(2)));
        Growth.ShapeGrowth leak = only(report, LEAK);
        assertEquals(1000, leak.before().instances());
        assertEquals(3000, leak.after().instances());
        assertEquals(List.of(1000L, 3000L), leak.steps());
        assertFalse(Growth.compare(List.of(censuses.get(2), censuses.get(2))).shapes().stream()
                .anyMatch(g -> g.className().equals(LEAK)), "a dump compared with itself shows no change");
    }

    private static String last(List<String> path) {
        return path.get(path.size() - 1);
    }

    /** The one shape of {@code className} that changed. */
    private static Growth.ShapeGrowth only(Growth.Report report, String className) {
        List<Growth.ShapeGrowth> rows = report.shapes().stream().filter(g -> g.className().equals(className)).toList();
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }
}
