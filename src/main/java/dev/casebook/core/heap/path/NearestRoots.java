package dev.casebook.core.heap.path;

import dev.casebook.core.heap.graph.AnalysisPhase;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The nearest-root analysis over any {@link HeapGraph}: finds the instances each query names, runs one
 * {@link ShortestPaths} search for all of them, tells weakly reachable from unreachable instances with a
 * second search only when some target was not reached, and reports chains and groups.
 * Deterministic: the same graph and queries give the same result.
 */
public final class NearestRoots {

    /** How many chains to list per target, and whether weak references may be part of one. */
    public record Options(int maxChains, boolean includeWeak) {
        public Options {
            if (maxChains < 0) {
                throw new IllegalArgumentException("maxChains must not be negative");
            }
        }
    }

    private NearestRoots() {
    }

    public static List<TargetResult> analyse(HeapGraph graph, List<TargetQuery> queries, Options options,
            CancelSignal cancel, ProgressListener progress) {
        progress.progress(AnalysisPhase.MATCHING, 0);
        List<int[]> instances = new ArrayList<>();
        long[] targets = new long[(graph.objectCount() + 63) >>> 6];
        int targetCount = 0;
        for (TargetQuery query : queries) {
            int[] found;
            if (query instanceof TargetQuery.ObjectId id) {
                int index = graph.indexOf(id.id());
                found = index < 0 ? new int[0] : new int[] {index};
            } else {
                found = graph.instancesOf(((TargetQuery.ClassName) query).name(), cancel);
            }
            instances.add(found);
            for (int object : found) {
                if (!ShortestPaths.isSet(targets, object)) {
                    targets[object >>> 6] |= 1L << object;
                    targetCount++;
                }
            }
        }
        progress.progress(AnalysisPhase.SEARCHING, 0);
        ShortestPaths paths = ShortestPaths.search(graph, targets, targetCount, options.includeWeak(), cancel, progress);
        long[] weaklyReachable = null;
        if (!options.includeWeak() && anyUnreached(instances, paths)) {
            weaklyReachable = ShortestPaths.reachableIncludingWeak(graph, cancel);
        }
        progress.progress(AnalysisPhase.REPORTING, 0);
        ChainReporter reporter = new ChainReporter(graph, paths, cancel);
        List<TargetResult> results = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            results.add(reporter.report(queries.get(q), instances.get(q), weaklyReachable, options.maxChains()));
        }
        progress.progress(AnalysisPhase.REPORTING, 100);
        return results;
    }

    private static boolean anyUnreached(List<int[]> instances, ShortestPaths paths) {
        for (int[] found : instances) {
            for (int object : found) {
                if (!paths.reached(object)) {
                    return true;
                }
            }
        }
        return false;
    }
}
