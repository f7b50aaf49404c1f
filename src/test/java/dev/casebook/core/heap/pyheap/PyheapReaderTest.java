package dev.casebook.core.heap.pyheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyheapReaderTest {

    @TempDir
    Path dir;

    /**
     * A snapshot cut inside an object's references (found by the fuzz test): what the cut line got to is
     * no object's, so the last whole object keeps its own references and labels, and triage runs.
     */
    @Test
    void referencesOfALineCutOffJoinNoObject() throws IOException {
        String snapshot = String.join("\n",
                "{\"kind\": \"header\", \"format\": \"pyheap\", \"version\": 1, \"immortal_min\": 999999999}",
                "{\"address\": 1, \"type\": \"module\", \"size\": 72, \"refcnt\": 2, \"refs\": [2], \"labels\": [\".__dict__\"], \"name\": \"app\"}",
                "{\"address\": 2, \"type\": \"dict\", \"size\": 640, \"refcnt\": 1, \"refs\": [3], \"labels\": [\"['CACHE']\"]}",
                "{\"address\": 3, \"type\": \"list\", \"size\": 56, \"refcnt\": 1}",
                "{\"address\": 4, \"type\": \"dict\", \"size\": 64, \"refcnt\": 1, \"refs\": [1, 2, 3, 1, 2");
        Path file = Files.writeString(dir.resolve("cut.pyheap"), snapshot);
        PyheapGraph graph = PyheapReader.read(file, CancelSignal.NEVER, ProgressListener.NONE);
        assertEquals(3, graph.objectCount());
        assertFalse(graph.complete());
        assertEquals(2, graph.referenceSlots(), "the cut line's five references are dropped");
        List<Integer> fromList = new ArrayList<>();
        graph.forEachReference(2, (slot, target, weak) -> fromList.add(target));
        assertEquals(List.of(), fromList, "the last whole object refers to nothing");
        assertEquals("globals of module app", graph.objectName(1));
        assertTrue(graph.isNamespace(1));
        var report = HeapAnalyzer.analyse(graph, List.of(), AnalysisRequest.triageOnly(), CancelSignal.NEVER,
                ProgressListener.NONE);
        assertEquals(3, report.heap().objects());
    }
}
