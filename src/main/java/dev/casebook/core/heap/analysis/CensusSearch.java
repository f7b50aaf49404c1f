package dev.casebook.core.heap.analysis;

import dev.casebook.core.heap.census.ShapeCounts;
import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.path.ShortestPaths;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The breadth-first search that reaches every object (every chain's parent, every object's shape) and the
 * census's count by shape. It needs nothing from the dominator tree, so an analysis runs it on a second thread
 * while the first computes the tree: the two largest passes over the references then take the time of the
 * longer one. The graph allows exactly that pair of readers (see {@link HeapGraph}).
 */
final class CensusSearch {

    record Result(ShortestPaths paths, ShapeCounts counts) {
    }

    private final FutureTask<Result> task;
    private volatile boolean abandoned;

    private CensusSearch(HeapGraph graph, boolean includeWeak, CancelSignal cancel) {
        CancelSignal stop = () -> abandoned || cancel.isCancelled();
        this.task = new FutureTask<>(() -> run(graph, includeWeak, stop));
    }

    /** Runs on the calling thread. */
    static Result run(HeapGraph graph, boolean includeWeak, CancelSignal cancel) {
        ShortestPaths paths = ShortestPaths.everyObject(graph, includeWeak, cancel);
        return new Result(paths, ShapeCounts.count(graph, paths.shapes(), cancel));
    }

    /** Starts on a thread of its own; the caller must then {@link #join} or {@link #abandon} it. */
    static CensusSearch start(HeapGraph graph, boolean includeWeak, CancelSignal cancel) {
        CensusSearch search = new CensusSearch(graph, includeWeak, cancel);
        Thread thread = new Thread(search.task, "casebook-census-search");
        thread.setDaemon(true);
        thread.start();
        return search;
    }

    /** The result; what the search threw is thrown here, on the analysis's own thread. */
    Result join() {
        try {
            return awaitUninterruptibly();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (CancellationException e) {
            throw new AnalysisCancelledException();
        }
    }

    /**
     * Stops the search, when the analysis failed on its own thread, and waits for it to stop: the dump it
     * reads is closed (unmapped) as soon as the analysis returns.
     */
    void abandon() {
        abandoned = true;
        try {
            awaitUninterruptibly();
        } catch (ExecutionException | CancellationException e) {
            // The analysis's own failure is the one to report.
        }
    }

    private Result awaitUninterruptibly() throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
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
