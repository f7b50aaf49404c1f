package dev.casebook.core.heap.pyheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.testing.Prerequisites;
import dev.casebook.testing.Targets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An independent oracle for leaks reachable from a module: objgraph's find_backref_chain (Debian's
 * python3-objgraph), run in the same process right after the snapshot. Our chain starts at the root
 * (the module's globals dict, held from outside by the running frame); objgraph's at the module that
 * owns that dict. Past the module, the objects must be the same.
 */
class ObjgraphOracleTest {

    @Test
    void chainsToModuleReachableLeaksAreTheOnesObjgraphFinds() throws Exception {
        // Debian's objgraph imports under Debian's python3, which may not be the first python3 on PATH.
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process probe = new ProcessBuilder(python, "-c", "import objgraph").redirectErrorStream(true).start();
        if (probe.waitFor() != 0) {
            Prerequisites.missing("python3-objgraph is not installed, so CPython chains are not checked against "
                    + "objgraph. Install it: apt-get install python3-objgraph");
        }
        Path out = Files.createDirectories(Path.of("target", "pyheap")).resolve("objgraph.pyheap");
        Process p = new ProcessBuilder(python, Path.of("src", "test", "resources", "pyheap", "objgraph_oracle.py").toString(),
                Path.of("src", "main", "python").toString(), out.toString()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, stderr);
        JsonNode oracle = new ObjectMapper().readTree(stdout);
        PyheapGraph heap = PyheapReader.read(out, CancelSignal.NEVER, ProgressListener.NONE);
        int compared = 0;
        for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) oracle::fields) {
            List<Long> theirs = new ArrayList<>();
            entry.getValue().forEach(id -> theirs.add(id.asLong()));
            long target = theirs.get(theirs.size() - 1);
            Chain ours = Targets.analyse(heap, List.of(new TargetQuery.ObjectId(target)),
                    new NearestRoots.Options(1, false), CancelSignal.NEVER, ProgressListener.NONE).get(0).chains().get(0);
            List<Long> ourIds = ours.path().stream().map(s -> s.id()).toList();
            assertEquals("module", heap.typeName(heap.indexOf(theirs.get(0))), entry.getKey());
            assertEquals(theirs.subList(1, theirs.size()), ourIds, entry.getKey() + ": objgraph " + theirs + ", ours " + ourIds);
            compared++;
        }
        assertEquals(3, compared);
    }
}
