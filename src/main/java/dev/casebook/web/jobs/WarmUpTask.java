package dev.casebook.web.jobs;

import dev.casebook.core.heap.warmup.AnalysisWarmUp;
import java.io.IOException;
import java.nio.file.Path;
import dev.casebook.core.heap.graph.CancelSignal;
import org.jboss.logging.Logger;

/**
 * {@link AnalysisWarmUp} as a task for a runner's worker, ahead of any job, so that the first dump
 * analysed after a start runs compiled code (about a third faster than a fresh JVM's first analysis; see
 * HeapBenchmark). A failure only costs that speed, so it is logged and the service goes on.
 */
public final class WarmUpTask {

    private static final Logger LOG = Logger.getLogger(WarmUpTask.class);

    private WarmUpTask() {
    }

    public static Runnable of(Path scratchDir, int rounds, CancelSignal stopping) {
        return () -> {
            try {
                AnalysisWarmUp.Report report = AnalysisWarmUp.run(scratchDir, rounds, stopping);
                LOG.infof("Analysis code warmed up: %d rounds on a %d MB synthetic dump in %.1f s", report.rounds(),
                        report.dumpBytes() >> 20, report.nanos() / 1e9);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("The analysis warm-up failed (%s); the first job runs slower, nothing else changes", e.toString());
            }
        };
    }
}
