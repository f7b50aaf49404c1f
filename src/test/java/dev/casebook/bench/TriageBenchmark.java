package dev.casebook.bench;

import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.analysis.HeapReport;
import dev.casebook.core.heap.census.Census;
import dev.casebook.core.heap.census.CensusBuilder;
import dev.casebook.core.heap.census.ShapeCounts;
import dev.casebook.core.heap.dominator.DominatorIndex;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.ShortestPaths;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.triage.Triage;
import dev.casebook.core.heap.warmup.AnalysisWarmUp;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.Targets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;

/**
 * The whole-heap triage (dominator tree, retained sizes, histogram, suspects, the chains to them and the
 * kept index) against, in the same run on the same dump: reading the file once (the floor), Casebook's own
 * chain-only analysis (all 50,000 Rooms, as a job with a target did before triage existed), and VisualVM's
 * heap library computing retained sizes ({@code Heap.getBiggestObjectsByRetainedSize(20)}, a speed
 * baseline: it counts weak referents as strong). Each tool runs in its own JVM with the same -Xmx
 * ({@code -Dbench.heap.xmx}, default 6g). Casebook's JVMs first do what the service does when it starts:
 * its analysis warm-up ({@link AnalysisWarmUp}, {@code casebook.jobs.warm-up-rounds} rounds as
 * application.properties sets them), timed apart; VisualVM has none. Cold is then the first analysis, warm the
 * best of the next two run back to back (as a busy queue runs jobs), after idle one more after a full
 * collection (what the service's job runner does once it has had no job for
 * {@code casebook.jobs.release-memory-after}). Each tool runs in
 * {@code -Dbench.repeats} JVMs (default 2), interleaved with the others', and its figures are those of the JVM with
 * the better warm time.
 * Printed: times, peak RSS (VmHWM), the ratios, and the smallest Java heap, in bytes per object
 * of the dump (plus 64 MB for the JVM itself), in which the service's triage completes (its up-front
 * heap check included): the memory goal is 48.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dbench=TriageBenchmark -Dbench.heap.sizes=2.5
 * [-Dbench.heap.xmx=2g]} (millions of filler objects, two heap objects each: 2.5 gives about 5M objects).
 */
public final class TriageBenchmark {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private static final String CHILD_HEAP = "-Xmx" + System.getProperty("bench.heap.xmx", "6g");
    /** Java heap per object tried for the smallest heap a triage completes in; the goal is 48. */
    private static final int[] BYTES_PER_OBJECT = {40, 44, 48, 56, 64, 72, 80, 96, 128};
    /** Child JVMs per tool ({@code -Dbench.repeats}): the machine's speed drifts by tens of percent between runs. */
    private static final int REPEATS = Integer.getInteger("bench.repeats", 2);

    public static void main(String[] args) throws Exception {
        String[] sizes = System.getProperty("bench.heap.sizes", "2.5").split(",");
        Path dir = Files.createDirectories(Path.of("target", "heap-bench"));
        for (String size : sizes) {
            int ballast = (int) (Double.parseDouble(size.trim()) * 1_000_000);
            Path dump = dir.resolve("bench-" + ballast + ".hprof");
            if (!Files.exists(dump)) {
                HeapDumps.write(dump, "live", 50_000, ballast, List.of("-Xmx4g"));
            }
            double read = readOnce(dump);
            String[] chains = null;
            String[] triage = null;
            String[] visualvm = null;
            // Interleaved, so that a slow spell of the machine falls on every tool alike; each tool's best JVM counts.
            for (int r = 0; r < REPEATS; r++) {
                chains = best(chains, child(CHILD_HEAP, "chains", dump));
                triage = best(triage, child(CHILD_HEAP, "triage", dump));
                visualvm = best(visualvm, child(CHILD_HEAP, "visualvm", dump));
            }
            long objects = Long.parseLong(triage[3]);
            String smallest = smallestHeap("triage-once", dump, objects);
            String smallestUnchecked = smallestHeap("computation-once", dump, objects);
            System.out.printf(Locale.ROOT, "dump %.0f MB, %,d objects; reading it once: %.3f s; child JVMs %s; each tool's"
                    + " figures from the better (by warm) of %d JVMs, run interleaved%n", Files.size(dump) / 1e6, objects, read,
                    CHILD_HEAP, REPEATS);
            System.out.println("first: Casebook's first job after the service's start-up warm-up; VisualVM's first analysis"
                    + " in a fresh JVM");
            System.out.printf(Locale.ROOT, "%-22s %9s %9s %12s %10s%n", "", "first s", "warm s", "after idle s", "peak RSS MB");
            print("Casebook chains only", chains);
            print("Casebook triage", triage);
            print("VisualVM retained", visualvm);
            double t = Double.parseDouble(triage[1]);
            double c = Double.parseDouble(chains[1]);
            double v = Double.parseDouble(visualvm[1]);
            System.out.printf(Locale.ROOT, "Casebook's startup warm-up before its cold run (%d rounds on a synthetic dump, as the"
                    + " service starts): %s s before chains, %s s before triage%n", Child.warmUpRounds(), chains[6], triage[6]);
            System.out.printf(Locale.ROOT, "triage vs VisualVM: %.1fx faster (warm), %.1fx faster (after idle), %.1fx faster (first),"
                    + " RSS %.2fx%n", v / t, Double.parseDouble(visualvm[5]) / Double.parseDouble(triage[5]),
                    Double.parseDouble(visualvm[0]) / Double.parseDouble(triage[0]),
                    Double.parseDouble(triage[2]) / Double.parseDouble(visualvm[2]));
            System.out.printf(Locale.ROOT, "triage vs chains only: %.2fx the time (warm), %.2fx (after idle), %.2fx (first);"
                    + " vs reading once: %.0fx%n", t / c, Double.parseDouble(triage[5]) / Double.parseDouble(chains[5]),
                    Double.parseDouble(triage[0]) / Double.parseDouble(chains[0]), t / read);
            System.out.println("smallest Java heap a triage job completes in (the service's up-front check included): " + smallest);
            System.out.println("smallest Java heap the computation itself completes in (no check): " + smallestUnchecked);
            System.out.println("suspect: " + triage[4]);
        }
    }

    /** The JVM whose warm figure is the better, all its figures together; a failed run is said and skipped. */
    private static String[] best(String[] so, String[] run) {
        if (run[0].equals("failed")) {
            System.out.println("a child JVM failed: " + run[1]);
            return so == null ? run : so;
        }
        if (so == null || so[0].equals("failed")) {
            return run;
        }
        return Double.parseDouble(run[1]) < Double.parseDouble(so[1]) ? run : so;
    }

    private static String smallestHeap(String mode, Path dump, long objects) throws Exception {
        for (int perObject : BYTES_PER_OBJECT) {
            String heap = "-Xmx" + ((perObject * objects >> 20) + 64) + "m";
            if (!child(heap, mode, dump)[0].equals("failed")) {
                return perObject + " bytes/object (" + heap + ", 64 MB of it for the JVM itself)";
            }
        }
        return "none up to " + BYTES_PER_OBJECT[BYTES_PER_OBJECT.length - 1] + " bytes/object";
    }

    private static void print(String name, String[] r) {
        System.out.printf(Locale.ROOT, "%-22s %9s %9s %12s %10.0f%n", name, r[0], r[1], r[5], Double.parseDouble(r[2]) / 1024);
    }

    private static double readOnce(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                while (ch.read(buffer) > 0) {
                    buffer.clear();
                }
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e9;
    }

    private static String[] child(String heap, String tool, Path dump) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), heap, "-cp", System.getProperty("java.class.path"),
                TriageBenchmark.class.getName() + "$Child", tool, dump.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        String last = Stream.of(out.split("\n")).filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).orElse(null);
        if (last == null) {
            String tail = out.length() > 300 ? out.substring(out.length() - 300) : out;
            return new String[] {"failed", tail.replace('\n', ' ')};
        }
        return last.substring("RESULT ".length()).split("\t");
    }

    /** One tool in its own JVM: prints "RESULT cold warm rssKB objects note afterIdle warmUp". */
    public static final class Child {
        /** Runs after the cold one, of which warm is the best: a busy queue's steady state. */
        private static final int WARM_RUNS = Integer.getInteger("bench.warm.runs", 2);

        /** The service's own setting (application.properties), so that the benchmark starts as the service does. */
        static int warmUpRounds() throws IOException {
            Properties settings = new Properties();
            try (var in = TriageBenchmark.class.getResourceAsStream("/application.properties")) {
                settings.load(in);
            }
            return Integer.parseInt(settings.getProperty("casebook.jobs.warm-up-rounds").trim());
        }

        public static void main(String[] args) throws Exception {
            String tool = args[0];
            Path dump = Path.of(args[1]);
            boolean once = tool.endsWith("-once");
            tool = tool.replace("-once", "");
            double warmUp = 0;
            if (!once && !tool.equals("visualvm")) {
                long w = System.nanoTime();
                AnalysisWarmUp.run(dump.getParent(), warmUpRounds(), CancelSignal.NEVER);
                warmUp = (System.nanoTime() - w) / 1e9;
            }
            long start = System.nanoTime();
            String[] first = run(tool, dump);
            double cold = (System.nanoTime() - start) / 1e9;
            // Warm: jobs back to back, as a busy queue runs them (the runner collects only once it is idle).
            double warm = once ? cold : Double.MAX_VALUE;
            for (int i = 0; i < (once ? 0 : WARM_RUNS); i++) {
                long s = System.nanoTime();
                run(tool, dump);
                warm = Math.min(warm, (System.nanoTime() - s) / 1e9);
            }
            // After idle: the runner's collection once it has had no job for a while (IdleCollector), untimed, then
            // the next job, which grows the heap again.
            double afterIdle = cold;
            if (!once) {
                System.gc();
                long s = System.nanoTime();
                run(tool, dump);
                afterIdle = (System.nanoTime() - s) / 1e9;
            }
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            System.out.println(String.format(Locale.ROOT, "RESULT %.3f\t%.3f\t%d\t%s\t%s\t%.3f\t%.3f", cold, warm, rss,
                    first[0], first[1], afterIdle, warmUp));
        }

        /** Returns {objects, a note}. */
        private static String[] run(String tool, Path dump) throws IOException {
            switch (tool) {
                case "chains" -> {
                    // Indexed on two threads, as a job's would be here (a core idle, the heap roomy).
                    try (HprofHeap heap = HprofHeap.open(dump, CancelSignal.NEVER, ProgressListener.NONE, 2)) {
                        var r = Targets.analyse(heap, List.of(new TargetQuery.ClassName(ROOM, false)),
                                new NearestRoots.Options(10, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
                        return new String[] {Integer.toString(heap.objectCount()), r.reachable() + " Rooms reachable"};
                    }
                }
                case "computation" -> {
                    // The job's steps without its up-front heap check: what the arrays themselves need.
                    try (HprofHeap heap = HprofHeap.open(dump, CancelSignal.NEVER, ProgressListener.NONE)) {
                        DominatorTree tree = DominatorTree.compute(heap, CancelSignal.NEVER, ProgressListener.NONE);
                        Triage triage = Triage.compute(heap, tree, 10, CancelSignal.NEVER);
                        // In turn, as a job runs them when the heap has no room for the search beside the tree.
                        ShortestPaths everyObject = ShortestPaths.everyObject(heap, false, CancelSignal.NEVER);
                        ShapeCounts counts = ShapeCounts.count(heap, everyObject.shapes(), CancelSignal.NEVER);
                        var chains = NearestRoots.analyse(heap, List.of(), new NearestRoots.Options(10, false), tree,
                                everyObject, CancelSignal.NEVER, ProgressListener.NONE);
                        int suspects = triage.suspects(chains.chains()).size();
                        DominatorIndex.write(heap, tree);
                        var t = triage.totals();
                        counts.addRetained(heap, tree, CancelSignal.NEVER);
                        CensusBuilder.build(heap, counts, triage.histogram(Integer.MAX_VALUE), new Census.Totals(
                                t.objects(), t.shallowBytes(), t.reachableObjects(), t.reachableBytes()));
                        return new String[] {Integer.toString(heap.objectCount()), suspects + " suspects"};
                    }
                }
                case "triage" -> {
                    HeapReport r = HeapAnalyzer.analyse(dump, DumpFormat.HPROF, AnalysisRequest.triageOnly(),
                            CancelSignal.NEVER, ProgressListener.NONE);
                    return new String[] {Long.toString(r.heap().objects()),
                        r.suspects().isEmpty() ? "none" : r.suspects().get(0).title()};
                }
                default -> {
                    Path cache = dump.resolveSibling(dump.getFileName() + ".nbcache");
                    if (Files.exists(cache)) {
                        try (var walk = Files.walk(cache)) {
                            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                                Files.delete(f);
                            }
                        }
                    }
                    Heap heap = HeapFactory.createHeap(dump.toFile());
                    List<Instance> biggest = heap.getBiggestObjectsByRetainedSize(20);
                    return new String[] {Long.toString(heap.getSummary().getTotalLiveInstances()),
                        biggest.isEmpty() ? "none" : biggest.get(0).getJavaClass().getName() + " retains "
                                + biggest.get(0).getRetainedSize()};
                }
            }
        }
    }
}
