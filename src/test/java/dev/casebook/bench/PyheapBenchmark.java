package dev.casebook.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.core.heap.pyheap.PyheapGraph;
import dev.casebook.core.heap.pyheap.PyheapReader;
import dev.casebook.testing.Targets;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Casebook's analysis of a CPython snapshot of about a million objects against the floor: the JDK just
 * reading the file and parsing every JSON line (jackson-core's streaming parser, every token, nothing
 * kept), in the same run. A python3 process writes the snapshot with pyheap.py (src/test/python/
 * bench_pyheap.py's heap); the analysis finds the chain of all 300,000 instances of one class.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dbench=PyheapBenchmark}
 */
public final class PyheapBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "pyheap-bench"));
        Path snapshot = dir.resolve("bench.pyheap");
        if (!Files.exists(snapshot)) {
            String script = "import sys; sys.path[:0] = ['src/test/python', 'src/main/python']\n"
                    + "import bench_pyheap, pyheap\n"
                    + "data = bench_pyheap.build(0.55)\n"
                    + "pyheap.dump(sys.argv[1])\n";
            Process p = new ProcessBuilder("python3", "-c", script, snapshot.toString()).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("python3 could not write the snapshot");
            }
        }
        double mb = Files.size(snapshot) / 1e6;
        System.out.printf(Locale.ROOT, "snapshot: %.0f MB%n", mb);
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            long tokens = parseOnly(snapshot);
            double parse = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            PyheapGraph heap = PyheapReader.read(snapshot, CancelSignal.NEVER, ProgressListener.NONE);
            TargetResult items = Targets.analyse(heap, List.of(new TargetQuery.ClassName("bench_pyheap.Item", false)),
                    new NearestRoots.Options(10, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
            double analysis = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT,
                    "round %d: parse only %.2f s (%d tokens, %.0f MB/s) | Casebook %.2f s (%d objects, %d of %d Items"
                            + " reachable, %.0f MB/s) | ratio %.1fx%n",
                    round, parse, tokens, mb / parse, analysis, heap.objectCount(), items.reachable(), items.matched(),
                    mb / analysis, analysis / parse);
        }
    }

    /** Reads every line and every JSON token of it, keeping nothing: the least a reader must do. */
    private static long parseOnly(Path file) throws IOException {
        JsonFactory json = new JsonFactory();
        long tokens = 0;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                try (JsonParser p = json.createParser(line)) {
                    while (p.nextToken() != null) {
                        tokens++;
                        if (p.currentToken() == JsonToken.VALUE_STRING) {
                            p.getText();
                        }
                    }
                }
            }
        }
        return tokens;
    }
}
