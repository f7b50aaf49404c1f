package dev.casebook.core.heap.graph;

import java.util.Locale;

/** The phases a heap analysis goes through, in order. */
public enum AnalysisPhase {
    /** Inflating a gzip-compressed dump to disk. */
    INFLATING,
    /** Reading the dump once and building the object index. */
    INDEXING,
    /** Finding the instances the query names. */
    MATCHING,
    /** The dominator tree and retained sizes. */
    DOMINATING,
    /** The breadth-first search from the roots. */
    SEARCHING,
    /** Turning parent links into chains and groups. */
    REPORTING;

    /** The name used in the API ({@code indexing}, {@code searching}, ...). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
