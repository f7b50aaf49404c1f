package dev.casebook.core.heap.analysis;

import dev.casebook.core.heap.census.Census;
import dev.casebook.core.heap.census.CensusBuilder;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.AnalysisCancelledException;
import dev.casebook.core.heap.graph.AnalysisPhase;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.DumpStatistics;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.ShortestPaths;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.pyheap.PyheapGraph;
import dev.casebook.core.heap.pyheap.PyheapReader;
import dev.casebook.core.heap.triage.Triage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A whole analysis of one dump, the one entry point the service calls: read and index the dump, check the
 * heap it needs, compute the dominator tree and triage it (histogram, suspects) while a second thread runs the
 * one chain search every target and suspect needs (to the end, giving every reachable object its shape), counts
 * the census by class and shape and the histogram by type and, once the tree is there, writes what the job keeps
 * of it; then report. A CPython snapshot with no targets of its own and none
 * asked is a triage.
 */
public final class HeapAnalyzer {

    /**
     * Java heap an analysis needs beyond the reader's index, from the arrays it allocates (measured with
     * TriageBenchmark): the dominator computation's peak is six ints per object plus one per reference; the
     * chain search's, the kept tree (20 bytes an object, 4 more per reachable one), its own two ints and one
     * more for every object's shape (the census).
     */
    static final long DOMINATOR_BYTES_PER_OBJECT = 24;
    static final long DOMINATOR_BYTES_PER_REFERENCE = 4;
    static final long SEARCH_BYTES_PER_OBJECT = 36;
    /** The search's own arrays (parent, queue, shape, two bitsets), while it runs beside the dominator tree. */
    static final long SEARCH_ARRAYS_BYTES_PER_OBJECT = 13;
    /** Free heap, per byte of dump, that indexing on two threads asks for (see {@link #openHprof}). */
    static final long INDEX_BESIDE_ROOM_PER_DUMP_BYTE = 2;

    private HeapAnalyzer() {
    }

    public static HeapReport analyse(Path dump, DumpFormat format, AnalysisRequest request, CancelSignal cancel,
            ProgressListener progress) throws IOException {
        return switch (format) {
            case HPROF -> {
                try (HprofHeap heap = openHprof(dump, cancel, progress)) {
                    var stats = heap.statistics();
                    requireHeapObjects(stats, heap.classCount(), heap.truncatedAt());
                    HeapReport report = analyse(heap, request.targets(), request, cancel, progress);
                    yield withDump(report, new HeapReport.Dump(format, heap.version(), heap.idSize(), stats.fileBytes(),
                            heap.objectCount(), heap.classCount(), stats.roots(), heap.complete(), heap.warnings()));
                }
            }
            case PYHEAP -> {
                PyheapGraph heap = PyheapReader.read(dump, cancel, progress);
                List<TargetQuery> targets = new ArrayList<>(request.targets());
                if (targets.isEmpty()) {
                    for (long address : heap.headerTargets()) {
                        targets.add(new TargetQuery.ObjectId(address));
                    }
                }
                HeapReport report = analyse(heap, targets, request, cancel, progress);
                yield withDump(report, new HeapReport.Dump(format, "1", 8, Files.size(dump), heap.objectCount(), 0,
                        heap.rootCount(), heap.complete(), heap.warnings()));
            }
        };
    }

    /**
     * Indexes with a second thread when a core is idle and the heap has room to spare (the heap read is the same
     * either way). The second thread's lists are copied after the first's and dropped: in a heap sized to the
     * analysis's need, the holes they leave between the index's large arrays can keep the dominator tree's from
     * fitting, so a tight heap indexes on one thread. Room is twice the dump's size, where an analysis needs
     * about one byte of heap per byte of dump (48 bytes an object of some 50 in the file).
     */
    private static HprofHeap openHprof(Path dump, CancelSignal cancel, ProgressListener progress) throws IOException {
        boolean roomToSpare = free() > INDEX_BESIDE_ROOM_PER_DUMP_BYTE * Files.size(dump);
        SpareCores.takeOne();
        boolean second = roomToSpare && SpareCores.tryTakeOne();
        try {
            return HprofHeap.open(dump, cancel, progress, second ? 2 : 1);
        } finally {
            SpareCores.giveBack(second ? 2 : 1);
        }
    }

    /**
     * A dump that yielded no instance and no array is never an answer: every query would match nothing and
     * the job would blame its targets. Class records alone are what a file cut before its objects holds.
     */
    static void requireHeapObjects(DumpStatistics stats, int classes, long truncatedAt) {
        if (stats.instances() + stats.objectArrays() + stats.primitiveArrays() > 0) {
            return;
        }
        String read = classes == 0 ? "no class, instance or array" : String.format(Locale.ROOT,
                "%,d classes, no instance or array", classes);
        if (truncatedAt >= 0) {
            throw DumpFormatException.atOffset("the dump holds no heap objects (" + read + "): the file was cut off (reading stopped at byte "
                    + truncatedAt + "), before its objects", truncatedAt);
        }
        throw DumpFormatException.atOffset("the dump holds no heap objects (" + read + "), although it is whole",
                stats.fileBytes());
    }

    private static HeapReport withDump(HeapReport r, HeapReport.Dump dump) {
        return new HeapReport(dump, r.heap(), r.targets(), r.histogram(), r.suspects(), r.dominatorIndex(), r.census());
    }

    /** The analysis of a graph already read (the dump summary is left for the caller). */
    public static HeapReport analyse(HeapGraph graph, List<TargetQuery> targets, AnalysisRequest request,
            CancelSignal cancel, ProgressListener progress) {
        if (graph.objectCount() == 0) {
            throw DumpFormatException.atOffset("the dump holds no heap objects", 0);
        }
        long references = graph.referenceSlots();
        checkHeap(graph.objectCount(), references);
        boolean beside = false;
        SpareCores.takeOne();
        try {
            beside = roomForBoth(graph.objectCount(), references) && SpareCores.tryTakeOne();
            return analyse(graph, targets, request, beside, cancel, progress);
        } finally {
            SpareCores.giveBack(beside ? 2 : 1);
        }
    }

    /** {@code searchBeside}: whether the search runs on a second thread (the report is the same either way). */
    static HeapReport analyse(HeapGraph graph, List<TargetQuery> targets, AnalysisRequest request, boolean searchBeside,
            CancelSignal cancel, ProgressListener progress) {
        SearchAndKeep beside = searchBeside ? SearchAndKeep.start(graph, request.includeWeak(), cancel) : null;
        // A second thread that failed for good stops this one early: its failure is the job's.
        CancelSignal own = beside == null ? cancel : () -> cancel.isCancelled() || beside.failedForGood();
        boolean joined = false;
        try {
            DominatorTree tree = DominatorTree.compute(graph, own, progress);
            if (beside != null) {
                beside.treeReady(tree);
            }
            Triage triage = Triage.compute(graph, tree, beside == null ? null : beside.counted(),
                    request.suspectThreshold(), own);
            progress.progress(AnalysisPhase.SEARCHING, 0);
            ShortestPaths paths = beside == null ? null : beside.searched();
            SearchAndKeep.Kept kept = null;
            if (paths == null) {
                // In turn: no second thread, or it ran out of heap (its arrays are garbage once it ended).
                if (beside != null) {
                    beside.join();
                    joined = true;
                }
                kept = SearchAndKeep.inTurn(graph, request.includeWeak(), tree, cancel);
                paths = kept.paths();
            }
            NearestRoots.Report chains = NearestRoots.analyse(graph, targets,
                    new NearestRoots.Options(request.maxChains(), request.includeWeak()), tree, paths, cancel, progress);
            List<Triage.Suspect> suspects = triage.suspects(chains.chains());
            if (kept == null) {
                kept = beside.join();
                joined = true;
                if (kept == null) {
                    kept = SearchAndKeep.inTurn(graph, request.includeWeak(), tree, cancel);
                }
            }
            Triage.Totals t = triage.totals();
            Census census = CensusBuilder.build(graph, kept.counts(), triage.histogram(Integer.MAX_VALUE),
                    new Census.Totals(t.objects(), t.shallowBytes(), t.reachableObjects(), t.reachableBytes()));
            return new HeapReport(null, t, chains.targets(), triage.histogram(request.histogramLimit()), suspects,
                    kept.dominatorIndex(), census);
        } catch (Throwable e) {
            if (beside != null && !joined) {
                beside.abandon();
                if (beside.failedForGood() && e instanceof AnalysisCancelledException && !cancel.isCancelled()) {
                    Throwable cause = beside.failure();
                    cause.addSuppressed(e);
                    throw rethrown(cause);
                }
            }
            throw e;
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }

    /**
     * Whether the census's search can run beside the dominator tree as far as memory goes: room in the heap for
     * both at their peaks without a collection (a core to spare is asked of {@link SpareCores}). Otherwise they
     * run in turn, in the heap {@link #checkHeap} asks for, so that a tight heap costs time, not the job.
     */
    static boolean roomForBoth(int objects, long references) {
        long both = objects * (DOMINATOR_BYTES_PER_OBJECT + SEARCH_ARRAYS_BYTES_PER_OBJECT)
                + references * DOMINATOR_BYTES_PER_REFERENCE;
        return both < free();
    }

    /**
     * Refuses up front what would run out of heap half-way. What is free is first read as the JVM reports
     * it, which counts garbage as used; only when that looks too small is a collection asked for, and the
     * figure read again.
     */
    static void checkHeap(int objects, long references) {
        long needed = Math.max(objects * DOMINATOR_BYTES_PER_OBJECT + references * DOMINATOR_BYTES_PER_REFERENCE,
                objects * SEARCH_BYTES_PER_OBJECT);
        long free = free();
        if (needed > free) {
            System.gc();
            free = free();
        }
        if (needed > free) {
            throw new InsufficientHeapException(String.format(Locale.ROOT,
                    "the analysis of %,d objects and %,d references needs about %,d MB of Java heap beyond the dump's"
                            + " index and %,d MB are free: give the service a larger heap (-Xmx) or run fewer analyses"
                            + " at once (casebook.jobs.workers)", objects, references, needed >> 20, free >> 20));
        }
    }

    private static long free() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
