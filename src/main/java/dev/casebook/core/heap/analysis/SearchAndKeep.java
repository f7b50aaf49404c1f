package dev.casebook.core.heap.analysis;

import dev.casebook.core.heap.census.ShapeCounts;
import dev.casebook.core.heap.dominator.DominatorIndex;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.HelperThreads;
import dev.casebook.core.heap.path.ShortestPaths;
import dev.casebook.core.heap.triage.Histogram;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The part of an analysis that needs the dominator tree only at its end: the breadth-first search that reaches
 * every object (every chain's parent, every object's shape), the census's count by shape and the histogram's count
 * by type; then, given the
 * tree, what the job keeps of it: the census's retained sizes and the browsable dominator index. An analysis
 * runs it on a second thread while its own thread computes the tree and triages it, so that the largest passes
 * over the references take the time of the longer one; or in turn, when there is no room for both. The graph
 * allows exactly that pair of readers (see {@link HeapGraph}).
 *
 * <p>Failures: an {@link OutOfMemoryError} on the second thread is not the job's end (the heap was sized for
 * the work in turn, and the second thread's arrays are garbage once it stopped): {@link #searched} and
 * {@link #join} then answer null and the analysis does the work in turn. Any other failure stops the analysis's
 * own thread early ({@link #failedForGood}) and is thrown to it.
 */
final class SearchAndKeep {

    /** The search, the census's counts with their retained sizes, and the dominator index's bytes. */
    record Kept(ShortestPaths paths, ShapeCounts counts, byte[] dominatorIndex) {
    }

    /** Made up front: the failure that abandons the work may be the heap's, with nothing left to allocate. */
    private static final AnalysisCancelledException ABANDONED = new AnalysisCancelledException();

    private final CompletableFuture<DominatorTree> tree = new CompletableFuture<>();
    private final CompletableFuture<ShortestPaths> searched = new CompletableFuture<>();
    private final CompletableFuture<Histogram> counted = new CompletableFuture<>();
    private final FutureTask<Kept> task;
    private Thread thread;
    private volatile boolean abandoned;
    private volatile Throwable failure;

    private SearchAndKeep(HeapGraph graph, boolean includeWeak, CancelSignal cancel) {
        CancelSignal stop = () -> abandoned || cancel.isCancelled();
        this.task = new FutureTask<>(() -> {
            try {
                stop.check();
                ShortestPaths paths = ShortestPaths.everyObject(graph, includeWeak, stop);
                ShapeCounts counts = ShapeCounts.count(graph, paths.shapes(), stop);
                searched.complete(paths);
                counted.complete(Histogram.counted(graph, stop));
                return keep(graph, paths, counts, awaitTree(stop), stop);
            } catch (Throwable e) {
                failure = e;
                searched.completeExceptionally(e);
                counted.completeExceptionally(e);
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

    /**
     * Starts on a thread of its own; the caller must then {@link #join} or {@link #abandon} it. Null when no
     * thread could be started: the work is then done in turn.
     */
    static SearchAndKeep start(HeapGraph graph, boolean includeWeak, CancelSignal cancel) {
        SearchAndKeep work = new SearchAndKeep(graph, includeWeak, cancel);
        work.thread = HelperThreads.startedOrNull("casebook-search-and-keep", work.task);
        return work.thread == null ? null : work;
    }

    /** Gives the second thread the tree it waits for once its search is done. */
    void treeReady(DominatorTree computed) {
        tree.complete(computed);
    }

    /** Whether the second thread failed otherwise than by running out of heap: the analysis cannot succeed. */
    boolean failedForGood() {
        Throwable f = failure;
        return f != null && !(f instanceof OutOfMemoryError) && f != ABANDONED;
    }

    /** The search once done; null when the second thread ran out of heap before it; its other failures thrown. */
    ShortestPaths searched() {
        return done(searched);
    }

    /**
     * The histogram's counts (made here while the tree is computed, since they need none); null when the second
     * thread ran out of heap before them; its other failures thrown.
     */
    Histogram counted() {
        return done(counted);
    }

    private static <T> T done(Future<T> result) {
        try {
            return awaitUninterruptibly(result);
        } catch (ExecutionException e) {
            return nullIfOutOfMemory(e.getCause());
        }
    }

    /**
     * Everything, once the second thread has ended; null when it ran out of heap; its other failures are
     * thrown here, on the analysis's own thread.
     */
    Kept join() {
        try {
            return awaitUninterruptibly(task);
        } catch (ExecutionException e) {
            return nullIfOutOfMemory(e.getCause());
        } finally {
            HelperThreads.awaitEnd(thread);
        }
    }

    /**
     * Stops the second thread, when the analysis failed on its own, and waits for it to end: nothing of it may
     * outlive the analysis, whose dump is closed as soon as it returns. Throws nothing.
     */
    void abandon() {
        abandoned = true;
        tree.completeExceptionally(ABANDONED);
        try {
            awaitUninterruptibly(task);
        } catch (ExecutionException | CancellationException e) {
            // The analysis's own failure is the one to report.
        }
        HelperThreads.awaitEnd(thread);
    }

    /** The second thread's own failure, when it failed for good, to report instead of the stop it caused. */
    Throwable failure() {
        return failure;
    }

    /** Waits for the tree, leaving as soon as the work is abandoned or cancelled. */
    private DominatorTree awaitTree(CancelSignal stop) {
        while (true) {
            stop.check();
            try {
                return tree.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Look at the signal again.
            } catch (ExecutionException e) {
                throw ABANDONED; // the only way the tree fails to come
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ABANDONED;
            }
        }
    }

    private static <T> T nullIfOutOfMemory(Throwable cause) {
        if (cause instanceof OutOfMemoryError) {
            return null;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
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
