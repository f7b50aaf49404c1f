package dev.casebook.core.heap.graph;

/** Told, now and then, which phase an analysis is in and how far through it (0-100). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (phase, percent) -> { };

    void progress(AnalysisPhase phase, int percent);
}
