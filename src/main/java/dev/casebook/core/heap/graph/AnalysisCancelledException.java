package dev.casebook.core.heap.graph;

/** The analysis stopped because its {@link CancelSignal} was set. */
public final class AnalysisCancelledException extends RuntimeException {

    public AnalysisCancelledException() {
        super("the analysis was cancelled", null, false, false);
    }
}
