package dev.casebook.core.heap.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.RootInfo;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.PathGroup;
import dev.casebook.core.heap.path.TargetResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisWarmUpTest {

    @TempDir
    Path dir;

    /** The dump holds what it was built to hold: 5% leaked instances, 80% of them strongly held three ways, the rest split. */
    @Test
    void theSyntheticDumpAnalysesAsBuilt() throws IOException {
        Path dump = dir.resolve("synthetic.hprof");
        SyntheticDump.write(dump, 20_000, 1);
        TargetResult leaked = AnalysisWarmUp.analyseOnce(dump, CancelSignal.NEVER);
        assertEquals(1000, leaked.matched());
        assertEquals(800, leaked.reachable());
        assertEquals(100, leaked.weaklyReachable());
        assertEquals(100, leaked.unreachable());
        List<List<String>> shapes = leaked.groups().stream().map(PathGroup::path).toList();
        assertTrue(shapes.contains(List.of("STICKY_CLASS: Class casebook.warmup.Leaked", "casebook.warmup.Leaked static REGISTRY", "java.util.HashMap table",
                "java.util.HashMap$Node[] [*]", "java.util.HashMap$Node value", "casebook.warmup.Leaked")), shapes.toString());
        assertTrue(shapes.contains(List.of("JAVA_FRAME: Local variable in thread \"worker-0\" at java.lang.Object.run(Worker.java:40)",
                "java.util.ArrayList elementData", "java.lang.Object[] [*]", "casebook.warmup.Leaked")),
                shapes.toString());
        assertTrue(shapes.contains(List.of("JNI_GLOBAL: JNI global reference to java.util.HashMap$Node",
                "java.util.HashMap$Node next (repeated)", "java.util.HashMap$Node value",
                "casebook.warmup.Leaked")), shapes.toString());
        Set<String> rootKinds = leaked.chains().stream().map(Chain::root).map(RootInfo::kind).collect(Collectors.toSet());
        assertEquals(Set.of("STICKY_CLASS", "JAVA_FRAME", "JNI_GLOBAL"), rootKinds);
        assertTrue(leaked.chains().stream().anyMatch(c -> c.root().description().contains("\"worker-")),
                "the frame root names its thread: " + leaked.chains());
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws IOException {
        SyntheticDump.write(dir.resolve("a.hprof"), 5_000, 3);
        SyntheticDump.write(dir.resolve("b.hprof"), 5_000, 3);
        assertEquals(-1, Files.mismatch(dir.resolve("a.hprof"), dir.resolve("b.hprof")));
    }

    @Test
    void runsItsRoundsAndLeavesNothingBehind() throws IOException {
        AnalysisWarmUp.Report report = AnalysisWarmUp.run(dir, 2, CancelSignal.NEVER);
        assertEquals(2, report.rounds());
        assertTrue(report.dumpBytes() > 10_000_000, "a dump big enough to compile the hot loops: " + report.dumpBytes());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aStoppingServiceSkipsItAndStillCleansUp() throws IOException {
        assertEquals(0, AnalysisWarmUp.run(dir, 5, () -> true).rounds());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
        assertThrows(AnalysisCancelledException.class, () -> AnalysisWarmUp.analyseOnce(writeSmall(), () -> true));
    }

    private Path writeSmall() throws IOException {
        Path dump = dir.resolve("small.hprof");
        SyntheticDump.write(dump, 2_000, 1);
        return dump;
    }
}
