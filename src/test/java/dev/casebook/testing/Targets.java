package dev.casebook.testing;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import java.util.List;

/** The nearest-root answers for some queries alone: no dominator tree, no triage, no other objects to reach. */
public final class Targets {

    private Targets() {
    }

    public static List<TargetResult> analyse(HeapGraph graph, List<TargetQuery> queries, NearestRoots.Options options,
            CancelSignal cancel, ProgressListener progress) {
        return NearestRoots.analyse(graph, queries, options, null, new int[0], cancel, progress).targets();
    }
}
