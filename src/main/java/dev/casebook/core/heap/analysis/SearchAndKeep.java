package dev.casebook.core.heap.analysis;

import dev.casebook.core.heap.census.ShapeCounts;
import dev.casebook.core.heap.dominator.DominatorIndex;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.path.ShortestPaths;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The part of an analysis that needs the dominator tree only at its end: the breadth-first search that reaches
 * every object (every chain's parent, every object's shape) and the census's count by shape; then, given the
 * tree, what the job keeps of it: the census's retained sizes and the browsable dominator index. An analysis
 * runs it on a second thread while its own thread computes the tree and triages it, so that the largest passes
 * over the references take the time of the longer one; or in turn, when there is no room for both. The graph
 * allows exactly that pair of readers (see {@link HeapGraph}).
 */
final class SearchAndKeep {

    /** The search, the census's counts with their retained sizes, and the dominator index's bytes. */
    record Kept(ShortestPaths paths, ShapeCounts counts, byte[] dominatorIndex) {
    }

    private final CompletableFuture<DominatorTree> tree = new CompletableFuture<>();
    private final CompletableFuture<ShortestPaths> searched = new CompletableFuture<>();
    private final FutureTask<Kept> task;
    private Thread thread;
    private volatile boolean abandoned;

    private SearchAndKeep(HeapGraph graph, boolean includeWeak, CancelSignal cancel) {
        CancelSignal stop = () -> abandoned || cancel.isCancelled();
        this.task = new FutureTask<>(() -> {
            try {
                ShortestPaths paths = ShortestPaths.everyObject(graph, includeWeak, stop);
                ShapeCounts counts = ShapeCounts.count(graph, paths.shapes(), stop);
                searched.complete(paths);
                return keep(graph, paths, counts, unwrapped(tree), stop);
            } catch (RuntimeException | Error e) {
                searched.completeExceptionally(e);
                throw e;
            }
        });
    }

    /** Runs on the calling thread, the tree already computed. */
    static Kept inTurn(HeapGraph graph, boolean includeWeak, DominatorTree tree, CancelSignal cancel) {
        ShortestPaths paths = ShortestPaths.everyObject(graph, includeWeak, cancel);
        return keep(graph, paths, ShapeCounts.count(graph, paths.shapes(), cancel), tree, cancel);
    }

    private static Kept keep(HeapGraph graph, ShortestPaths paths, ShapeCounts counts, DominatorTree tree,
            CancelSignal cancel) {
        counts.addRetained(graph, tree, cancel);
        return new Kept(paths, counts, DominatorIndex.write(graph, tree));
    }

    /** Starts on a thread of its own; the caller must then {@link #join} or {@link #abandon} it. */
    static SearchAndKeep start(HeapGraph graph, boolean includeWeak, CancelSignal cancel) {
        SearchAndKeep work = new SearchAndKeep(graph, includeWeak, cancel);
        work.thread = new Thread(work.task, "casebook-search-and-keep");
        work.thread.setDaemon(true);
        work.thread.start();
        return work;
    }

    /** Gives the second thread the tree it waits for once its search is done. */
    void treeReady(DominatorTree computed) {
        tree.complete(computed);
    }

    /** The search, as soon as it is done (the rest may still run); what it threw is thrown here. */
    ShortestPaths searched() {
        return unwrapped(searched);
    }

    /** Everything; what the second thread threw is thrown here, on the analysis's own thread. */
    Kept join() {
        try {
            return awaitUninterruptibly(task);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } finally {
            awaitThreadEnd();
        }
    }

    /**
     * Stops the second thread, when the analysis failed on its own, and waits for it to stop: the dump it reads
     * is closed (unmapped) as soon as the analysis returns.
     */
    void abandon() {
        abandoned = true;
        tree.completeExceptionally(new AnalysisCancelledException());
        try {
            awaitUninterruptibly(task);
        } catch (ExecutionException | CancellationException e) {
            // The analysis's own failure is the one to report.
        } finally {
            awaitThreadEnd();
        }
    }

    /** The task is done once its result is set; its thread ends a moment later, and nothing of it may outlive the analysis. */
    private void awaitThreadEnd() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T unwrapped(CompletableFuture<T> future) {
        try {
            return awaitUninterruptibly(future);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof CompletionException wrapped && wrapped.getCause() != null) {
            cause = wrapped.getCause();
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
