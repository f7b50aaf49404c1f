package dev.casebook.core.heap.graph;

/**
 * Asked by readers and the path finder at regular points (every few thousand objects) whether the
 * work should stop. Cooperative on purpose: an interrupt would close a shared {@code FileChannel}.
 */
@FunctionalInterface
public interface CancelSignal {

    CancelSignal NEVER = () -> false;

    boolean isCancelled();

    /** Throws {@link AnalysisCancelledException} when the signal is set. */
    default void check() {
        if (isCancelled()) {
            throw new AnalysisCancelledException();
        }
    }
}
