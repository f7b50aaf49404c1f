package dev.casebook.core.heap.hprof;

/** What one pass over an HPROF file counted: its size and its heap sub-records by kind. */
public record DumpStatistics(long fileBytes, long instances, long objectArrays, long primitiveArrays, long classes,
        long roots) {

    public long objects() {
        return instances + objectArrays + primitiveArrays + classes;
    }
}
