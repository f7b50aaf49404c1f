package dev.casebook.bench;

import dev.casebook.core.heap.census.Census;
import dev.casebook.core.heap.census.CensusBuilder;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the census costs a job, on the dump TriageBenchmark uses (about 5M objects at 2.5): each round runs a
 * whole triage step by step (open, dominator tree, triage, the chain search, the kept index) and, on the same
 * heap, the chain search once more without shapes, so the census's cost is what the search spends going on
 * to the end and giving every object its shape, plus building and encoding the census (goal: at most 5% of the
 * analysis). Then the comparison a growth request makes: reading two kept censuses and joining them (here one
 * census against a copy of itself, where every row matches: the join's worst case; goal: well under a second),
 * and the census's size against the dump's (goal: under 1%). Best of {@code bench.rounds} rounds (default 3).
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dbench=CensusBenchmark -Dbench.heap.sizes=2.5}
 * ({@code -Dbench.heap.sizes=0.05} for a quick check that it runs).
 */
public final class CensusBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path dir = Files.createDirectories(Path.of("target", "heap-bench"));
        for (String size : System.getProperty("bench.heap.sizes", "2.5").split(",")) {
            int ballast = (int) (Double.parseDouble(size.trim()) * 1_000_000);
            Path dump = dir.resolve("bench-" + ballast + ".hprof");
            if (!Files.exists(dump)) {
                HeapDumps.write(dump, "live", 50_000, ballast, List.of("-Xmx4g"));
            }
            Round best = null;
            for (int r = 0; r < rounds; r++) {
                Round round = round(dump);
                best = best == null || round.analysis() < best.analysis() ? round : best;
            }
            long dumpBytes = Files.size(dump);
            System.out.printf(Locale.ROOT, "dump %.0f MB, %,d objects, %,d reachable; best of %d rounds%n", dumpBytes / 1e6,
                    best.objects(), best.census().totals().reachableObjects(), rounds);
            System.out.printf(Locale.ROOT, "analysis with census %.3f s; chain search %.3f s with shapes, %.3f s to the end"
                    + " without them, %.3f s stopping at its last target (no census); census build %.3f s, encode %.3f s%n",
                    best.analysis(), best.searchWith(), best.searchToTheEnd(), best.searchWithout(), best.build(),
                    best.encode());
            double toTheEnd = Math.max(0, best.searchToTheEnd() - best.searchWithout());
            double own = Math.max(0, best.searchWith() - best.searchToTheEnd()) + best.build() + best.encode();
            System.out.printf(Locale.ROOT, "census cost %.3f s = %.1f%% of the analysis (goal: at most 5%%): the search going"
                    + " on to the end %.3f s (%.1f%%), the shapes, the census and its bytes %.3f s (%.1f%%)%n",
                    toTheEnd + own, 100 * (toTheEnd + own) / best.analysis(), toTheEnd, 100 * toTheEnd / best.analysis(),
                    own, 100 * own / best.analysis());
            System.out.printf(Locale.ROOT, "census %,d bytes, %,d shapes, %,d classes = %.3f%% of the dump (goal: under 1%%)%n",
                    best.bytes().length, best.census().shapes().size(), best.census().classes().size(),
                    100.0 * best.bytes().length / dumpBytes);
            System.out.printf(Locale.ROOT, "compare two such jobs (read both censuses, join): %.3f s (goal: well under 1 s)%n",
                    compare(best.bytes(), rounds));
        }
    }

    private record Round(int objects, double analysis, double searchWith, double searchWithout, double searchToTheEnd,
            double build, double encode, Census census, byte[] bytes) {
    }

    private static Round round(Path dump) throws Exception {
        CancelSignal never = CancelSignal.NEVER;
        ProgressListener none = ProgressListener.NONE;
        long start = System.nanoTime();
        try (HprofHeap heap = HprofHeap.open(dump, never, none)) {
            DominatorTree tree = DominatorTree.compute(heap, never, none);
            Triage triage = Triage.compute(heap, tree, Triage.DEFAULT_SUSPECT_THRESHOLD, never);
            long s = System.nanoTime();
            NearestRoots.Report chains = NearestRoots.analyse(heap, List.of(), new NearestRoots.Options(10, false, true),
                    tree, triage.chainTargets(), never, none);
            double searchWith = (System.nanoTime() - s) / 1e9;
            triage.suspects(chains.chains());
            DominatorIndex.write(heap, tree);
            Triage.Totals t = triage.totals();
            s = System.nanoTime();
            Census census = CensusBuilder.build(heap, chains.shapes(), tree, triage.histogram(Integer.MAX_VALUE),
                    new Census.Totals(t.objects(), t.shallowBytes(), t.reachableObjects(), t.reachableBytes()), never);
            double build = (System.nanoTime() - s) / 1e9;
            s = System.nanoTime();
            byte[] bytes = CensusCodec.write(census);
            double encode = (System.nanoTime() - s) / 1e9;
            double analysis = (System.nanoTime() - start) / 1e9;
            // Outside the analysis: the same search as a job without a census would run it (it stops at its last
            // target), and one that goes on to the end without shapes (every object a target), to tell what
            // going on to the end costs from what the shapes cost.
            s = System.nanoTime();
            NearestRoots.analyse(heap, List.of(), new NearestRoots.Options(10, false, false), tree, triage.chainTargets(),
                    never, none);
            double searchWithout = (System.nanoTime() - s) / 1e9;
            int[] every = java.util.stream.IntStream.range(0, heap.objectCount()).toArray();
            s = System.nanoTime();
            NearestRoots.analyse(heap, List.of(), new NearestRoots.Options(0, false, false), tree, every, never, none);
            double searchToTheEnd = (System.nanoTime() - s) / 1e9;
            return new Round(heap.objectCount(), analysis, searchWith, searchWithout, searchToTheEnd, build, encode,
                    census, bytes);
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
