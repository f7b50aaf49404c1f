package dev.casebook.core.heap.warmup;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.analysis.AnalysisRequest;
import dev.casebook.core.heap.analysis.DumpFormat;
import dev.casebook.core.heap.analysis.HeapAnalyzer;
import dev.casebook.core.heap.analysis.HeapReport;
import dev.casebook.core.heap.triage.Triage;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the HPROF analysis a few times on a {@link SyntheticDump}, so that a fresh JVM's first real job
 * runs compiled code. A 247 MB dump takes about 1.4 s as a fresh JVM's first analysis, 0.95 s after this
 * warm-up and 0.6 s once everything is compiled (HeapBenchmark): a first job otherwise spends much of its
 * time interpreting and recompiling. The dump is written to {@code scratchDir}, holds nobody's data, and is
 * deleted when done.
 */
public final class AnalysisWarmUp {

    /** Objects in the synthetic dump (about 225,000 in 19 MB): enough to compile every hot loop, few enough that three rounds take 1.5-2 s. */
    static final int OBJECTS = 300_000;

    private AnalysisWarmUp() {
    }

    /** What the warm-up did: rounds run and the wall time they took. */
    public record Report(int rounds, long nanos, long dumpBytes) {
    }

    /**
     * Writes the synthetic dump, analyses it {@code rounds} times (stopping early when {@code cancel}
     * fires), and deletes it.
     *
     * @throws IllegalStateException when an analysis does not find what the dump was built to hold: the
     *         warm-up then says so rather than warming code that is broken
     */
    public static Report run(Path scratchDir, int rounds, CancelSignal cancel) throws IOException {
        long start = System.nanoTime();
        Path dump = Files.createTempFile(scratchDir, "warm-up-", ".hprof");
        try {
            SyntheticDump.write(dump, OBJECTS, 17);
            long bytes = Files.size(dump);
            int done = 0;
            while (done < rounds && !cancel.isCancelled()) {
                analyseOnce(dump, cancel);
                done++;
            }
            return new Report(done, System.nanoTime() - start, bytes);
        } finally {
            Files.deleteIfExists(dump);
        }
    }

    /** One whole analysis as a job runs it (dominators, triage, chains), so that every phase gets compiled. */
    static TargetResult analyseOnce(Path dump, CancelSignal cancel) throws IOException {
        List<TargetQuery> targets = List.of(new TargetQuery.ClassName(SyntheticDump.LEAKED, false),
                new TargetQuery.ClassName("java.lang.String", false));
        HeapReport report = HeapAnalyzer.analyse(dump, DumpFormat.HPROF, new AnalysisRequest(targets, 10, false,
                Triage.DEFAULT_HISTOGRAM_LIMIT, Triage.DEFAULT_SUSPECT_THRESHOLD), cancel, ProgressListener.NONE);
        TargetResult leaked = report.targets().get(0);
        if (leaked.reachable() == 0 || leaked.weaklyReachable() == 0 || leaked.unreachable() == 0
                || report.histogram().isEmpty()) {
            throw new IllegalStateException("the warm-up dump did not analyse as built: " + leaked.matched() + " matched, "
                    + leaked.reachable() + " reachable, " + leaked.weaklyReachable() + " weakly reachable, "
                    + leaked.unreachable() + " unreachable");
        }
        return leaked;
    }
}
