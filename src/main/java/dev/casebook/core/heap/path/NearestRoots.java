package dev.casebook.core.heap.path;

import dev.casebook.core.heap.dominator.DominatorTree;
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

    /** Chains to any object the search reached, and their shapes, for callers beyond the target queries. */
    public interface Chains {
        /** The shortest chain to {@code object}, or null when the search did not reach it. */
        Chain chain(int object);

        /** The chain's shape as groups show it, or an empty list when the search did not reach it. */
        List<String> shape(int object);
    }

    public record Report(List<TargetResult> targets, Chains chains) {
    }

    /**
     * Answers the queries, with retained sizes from {@code tree} (null: none), and keeps chains to the
     * objects {@code alsoReach} as well.
     */
    public static Report analyse(HeapGraph graph, List<TargetQuery> queries, Options options, DominatorTree tree,
            int[] alsoReach, CancelSignal cancel, ProgressListener progress) {
        return analyse(graph, queries, options, tree, alsoReach, null, cancel, progress);
    }

    /**
     * As above, over a search that already reached every object ({@link ShortestPaths#everyObject}, made with
     * the same {@code includeWeak}) instead of a search of its own.
     */
    public static Report analyse(HeapGraph graph, List<TargetQuery> queries, Options options, DominatorTree tree,
            ShortestPaths everyObject, CancelSignal cancel, ProgressListener progress) {
        if (everyObject.shapes() == null || everyObject.includesWeak() != options.includeWeak()) {
            throw new IllegalArgumentException("the search given must reach every object, as the options follow references");
        }
        return analyse(graph, queries, options, tree, new int[0], everyObject, cancel, progress);
    }

    private static Report analyse(HeapGraph graph, List<TargetQuery> queries, Options options, DominatorTree tree,
            int[] alsoReach, ShortestPaths done, CancelSignal cancel, ProgressListener progress) {
        progress.progress(AnalysisPhase.MATCHING, 0);
        List<int[]> instances = new ArrayList<>();
        List<TypeResolver.TypeMatch> typeMatches = new ArrayList<>();
        TypeResolver resolver = null;
        long[] targets = new long[(graph.objectCount() + 63) >>> 6];
        int targetCount = 0;
        for (TargetQuery query : queries) {
            int[] found;
            if (query instanceof TargetQuery.ObjectId id) {
                int index = graph.indexOf(id.id());
                found = index < 0 ? new int[0] : new int[] {index};
                typeMatches.add(null);
            } else {
                TargetQuery.ClassName className = (TargetQuery.ClassName) query;
                if (resolver == null) {
                    resolver = new TypeResolver(graph.typeNames(), graph::supertypes);
                }
                TypeResolver.TypeMatch match = resolver.resolve(className.name(), className.subclasses());
                typeMatches.add(match);
                found = match.types().isEmpty() ? new int[0] : graph.instancesOf(match.types(), cancel);
            }
            instances.add(found);
            for (int object : found) {
                if (!ShortestPaths.isSet(targets, object)) {
                    targets[object >>> 6] |= 1L << object;
                    targetCount++;
                }
            }
        }
        for (int object : alsoReach) {
            if (!ShortestPaths.isSet(targets, object)) {
                targets[object >>> 6] |= 1L << object;
                targetCount++;
            }
        }
        progress.progress(AnalysisPhase.SEARCHING, 0);
        ShortestPaths paths = done != null ? done
                : ShortestPaths.search(graph, targets, targetCount, options.includeWeak(), cancel, progress);
        long[] weaklyReachable = null;
        if (!options.includeWeak() && anyUnreached(instances, paths)) {
            weaklyReachable = ShortestPaths.reachableIncludingWeak(graph, cancel);
        }
        progress.progress(AnalysisPhase.REPORTING, 0);
        ChainReporter reporter = new ChainReporter(graph, paths, tree, cancel);
        List<TargetResult> results = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            TargetResult result = reporter.report(queries.get(q), instances.get(q), weaklyReachable, options.maxChains());
            results.add(typeMatches.get(q) == null ? result : result.withTypeMatch(typeMatches.get(q)));
        }
        progress.progress(AnalysisPhase.REPORTING, 100);
        Chains chains = new Chains() {
            @Override
            public Chain chain(int object) {
                return paths.reached(object) ? reporter.chain(object) : null;
            }

            @Override
            public List<String> shape(int object) {
                return paths.reached(object) ? reporter.shape(object) : List.of();
            }
        };
        return new Report(results, chains);
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
