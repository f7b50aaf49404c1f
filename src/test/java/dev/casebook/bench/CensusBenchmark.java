package dev.casebook.bench;

import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.analysis.HeapReport;
import dev.casebook.core.heap.census.Census;
import dev.casebook.core.heap.census.CensusCodec;
import dev.casebook.core.heap.census.Growth;
import dev.casebook.core.heap.dominator.DominatorIndex;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.triage.Triage;
import dev.casebook.testing.HeapDumps;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the census costs a job, on the dump TriageBenchmark uses (about 5M objects at 2.5). Each round times
 * the job's whole analysis ({@link HeapAnalyzer}: open, dominator tree and triage, the search to the end giving
 * every object its shape on a second thread beside them, the census, the kept index) and the analysis a job ran
 * before the census existed (the same steps on one thread, the chain search stopping at its last target, no
 * census), in alternating order, best of {@code bench.rounds} (default 3). The census's cost is the
 * difference, in elapsed time (goal: at most 5% of the analysis) and in CPU time (what it costs a machine
 * whose cores are all busy). Then the comparison a growth request makes: reading two kept censuses and joining
 * them (one census against a copy of itself, where every row matches: the join's worst case; goal: well under
 * a second), and the census's size against the dump's (goal: under 1%).
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dbench=CensusBenchmark -Dbench.heap.sizes=2.5}
 * ({@code -Dbench.heap.sizes=0.05} for a quick check that it runs).
 */
public final class CensusBenchmark {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path dir = Files.createDirectories(Path.of("target", "heap-bench"));
        for (String size : System.getProperty("bench.heap.sizes", "2.5").split(",")) {
            int ballast = (int) (Double.parseDouble(size.trim()) * 1_000_000);
            Path dump = dir.resolve("bench-" + ballast + ".hprof");
            if (!Files.exists(dump)) {
                HeapDumps.write(dump, "live", 50_000, ballast, List.of("-Xmx4g"));
            }
            Timed with = null;
            Timed without = null;
            Census census = null;
            for (int r = 0; r < rounds; r++) {
                long s = System.nanoTime();
                long cpu = OS.getProcessCpuTime();
                HeapReport report = HeapAnalyzer.analyse(dump, DumpFormat.HPROF, AnalysisRequest.triageOnly(),
                        CancelSignal.NEVER, ProgressListener.NONE);
                with = Timed.best(with, new Timed(System.nanoTime() - s, OS.getProcessCpuTime() - cpu));
                census = report.census();
                s = System.nanoTime();
                cpu = OS.getProcessCpuTime();
                withoutCensus(dump);
                without = Timed.best(without, new Timed(System.nanoTime() - s, OS.getProcessCpuTime() - cpu));
            }
            long s = System.nanoTime();
            byte[] bytes = CensusCodec.write(census);
            double encode = (System.nanoTime() - s) / 1e9;
            long dumpBytes = Files.size(dump);
            System.out.printf(Locale.ROOT, "dump %.0f MB, %,d reachable objects; best of %d rounds%n", dumpBytes / 1e6,
                    census.totals().reachableObjects(), rounds);
            System.out.printf(Locale.ROOT, "analysis with census %.3f s elapsed, %.3f s CPU; without (before issue 19)"
                    + " %.3f s elapsed, %.3f s CPU%n", with.seconds(), with.cpuSeconds(), without.seconds(),
                    without.cpuSeconds());
            double cost = with.seconds() - without.seconds();
            double cpuCost = with.cpuSeconds() - without.cpuSeconds();
            System.out.printf(Locale.ROOT, "census cost %.3f s = %.1f%% of the analysis elapsed (goal: at most 5%%);"
                    + " %.3f s = %.1f%% of its CPU time; encoding it %.3f s%n", cost, 100 * cost / with.seconds(),
                    cpuCost, 100 * cpuCost / with.cpuSeconds(), encode);
            System.out.printf(Locale.ROOT, "census %,d bytes, %,d shapes, %,d classes = %.3f%% of the dump (goal: under 1%%)%n",
                    bytes.length, census.shapes().size(), census.classes().size(), 100.0 * bytes.length / dumpBytes);
            System.out.printf(Locale.ROOT, "compare two such jobs (read both censuses, join): %.3f s (goal: well under 1 s)%n",
                    compare(bytes, rounds));
        }
    }

    private record Timed(long nanos, long cpuNanos) {
        static Timed best(Timed a, Timed b) {
            return a == null || b.nanos < a.nanos ? b : a;
        }

        double seconds() {
            return nanos / 1e9;
        }

        double cpuSeconds() {
            return cpuNanos / 1e9;
        }
    }

    /** A triage job's analysis as it was before the census: one thread, the search stopping at its last target. */
    private static void withoutCensus(Path dump) throws Exception {
        CancelSignal never = CancelSignal.NEVER;
        ProgressListener none = ProgressListener.NONE;
        try (HprofHeap heap = HprofHeap.open(dump, never, none)) {
            DominatorTree tree = DominatorTree.compute(heap, never, none);
            Triage triage = Triage.compute(heap, tree, Triage.DEFAULT_SUSPECT_THRESHOLD, never);
            NearestRoots.Report chains = NearestRoots.analyse(heap, List.of(), new NearestRoots.Options(10, false), tree,
                    triage.chainTargets(), never, none);
            triage.histogram(AnalysisRequest.triageOnly().histogramLimit());
            triage.suspects(chains.chains());
            DominatorIndex.write(heap, tree);
            heap.warnings();
        }
    }

    private static double compare(byte[] kept, int rounds) throws Exception {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < Math.max(3, rounds); r++) {
            long s = System.nanoTime();
            Growth.compare(List.of(CensusCodec.read(kept), CensusCodec.read(kept.clone())));
            best = Math.min(best, (System.nanoTime() - s) / 1e9);
        }
        return best;
    }
}
