package dev.casebook.core.heap.hprof;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import dev.casebook.core.heap.graph.AnalysisPhase;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.HelperThreads;
import dev.casebook.core.heap.graph.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one sequential pass over an HPROF file. Reads every top-level record and every heap sub-record,
 * HotSpot's and Android's, and keeps only what the graph needs: each object's id and file offset,
 * class layouts, roots, names, threads and frames. Object contents stay in the file and are decoded
 * from it when the search reaches them.
 *
 * <p>Damaged files, each with the byte offset, as Eclipse MAT tells them apart: a bad header, an unknown
 * record or heap sub-record tag, a record of fixed layout with another length, or a STRING longer than any
 * name fails (damage: what follows cannot be trusted); only a file that ends inside a record that could be
 * right, or a HEAP_DUMP whose length is 0 (a dump cut off while written), is read up to the last whole
 * sub-record and marked incomplete (truncation), with where it was cut; a HEAP_DUMP whose 4-byte length
 * overflowed (JDK 6 dumps over 4 GB) is read to its real end, found by following its sub-records.
 * Cost: O(file size), with one cancel check and progress report per 64 Ki sub-records.
 *
 * <p>Two threads, when given them: once every loaded class has had its CLASS DUMP (HotSpot writes them all
 * first), the whole HEAP_DUMP_SEGMENTs that follow hold only objects and roots, so their second half (by
 * bytes) is read on a second thread into lists of its own, appended in file order afterwards: the result is
 * the one a single pass gives. A CLASS DUMP met there stops that thread, and its segments are read here in
 * turn.
 */
final class HprofIndexer {

    private static final int CHECK_INTERVAL = 1 << 16;
    /**
     * The longest name a STRING record holds: a JVM symbol (class, field, method, file name) is at most
     * 65,535 bytes of modified UTF-8; the margin covers writers that re-encode them.
     */
    static final long MAX_NAME_BYTES = 4 * 65_535L;
    /** The unit a HEAP_DUMP length wraps at when it overflows its four bytes. */
    static final long LENGTH_WRAP = 1L << 32;

    private final DumpFile file;
    private final HprofHeader header;
    private final int idSize;
    private final long lengthWrap;
    private final CancelSignal cancel;
    private final ProgressListener progress;
    private final int threads;
    /** Whether CLASS DUMPs are read here (not on the second thread, which must not add classes). */
    private final boolean readsClasses;

    private final StringTable strings = new StringTable();
    private final StackTable stacks = new StackTable();
    private final RootTable roots = new RootTable();
    private final LongLongHashMap classNameIds = new LongLongHashMap();
    private final List<HprofClass> classes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final ChunkedLongs objectIds = new ChunkedLongs();
    private final ChunkedLongs objectEntries = new ChunkedLongs();
    private final ChunkedLongs classObjectIds = new ChunkedLongs();
    private final ChunkedLongs classObjectEntries = new ChunkedLongs();
    /** Class id -> index in {@link #classes}, as CLASS DUMPs are read (instances usually follow them). */
    private final LongIntHashMap classIndexById;
    private boolean unresolvedClasses;
    /** Whether every object id so far was greater than the one before (then the index needs no sorting). */
    private boolean idsAscending = true;
    private long lastId = Long.MIN_VALUE;
    private final long[] recordCounts = new long[256];
    private boolean complete = true;
    /** Where reading stopped in a truncated file (-1 while complete). */
    private long truncatedAt = -1;
    private int untilCheck = CHECK_INTERVAL;
    private boolean sawSegments;
    private boolean sawHeapDump;
    private boolean sawHeapDumpEnd;
    private int lastPercent = -1;
    /** Whole HEAP_DUMP_SEGMENTs met once every class was known, as {start, body, length}: read two at a time. */
    private final List<long[]> deferred = new ArrayList<>();
    private long deferredBytes;
    /** Segments the second thread read (for tests: whether the two-thread pass happened at all). */
    private int segmentsReadBeside;

    /** {@code threads}: 1, or 2 to read the objects' segments two at a time. */
    HprofIndexer(DumpFile file, CancelSignal cancel, ProgressListener progress, long lengthWrap, int threads) {
        this(file, HprofHeader.read(file), cancel, progress, lengthWrap, threads, new LongIntHashMap(), true);
    }

    private HprofIndexer(DumpFile file, HprofHeader header, CancelSignal cancel, ProgressListener progress,
            long lengthWrap, int threads, LongIntHashMap classIndexById, boolean readsClasses) {
        this.file = file;
        this.header = header;
        this.idSize = header.idSize();
        this.cancel = cancel;
        this.progress = progress;
        this.lengthWrap = lengthWrap;
        this.threads = threads;
        this.classIndexById = classIndexById;
        this.readsClasses = readsClasses;
    }

    HprofHeap index() {
        readRecords();
        progress.progress(AnalysisPhase.INDEXING, 100);
        ObjectIndex index = ObjectIndex.build(objectIds, objectEntries, classObjectIds, classObjectEntries, idsAscending);
        if (unresolvedClasses) {
            resolveLateClasses(index);
        }
        if (index.duplicates() > 0) {
            warnings.add(index.duplicates() + " objects were written more than once; the first record of each is used");
        }
        strings.attach(file);
        DumpStatistics statistics = new DumpStatistics(file.size(), recordCounts[HprofTags.INSTANCE_DUMP],
                recordCounts[HprofTags.OBJECT_ARRAY_DUMP], recordCounts[HprofTags.PRIMITIVE_ARRAY_DUMP] + recordCounts[HprofTags.PRIMITIVE_ARRAY_NODATA],
                recordCounts[HprofTags.CLASS_DUMP], roots.count());
        return new HprofHeap(file, header, strings, stacks, roots, classNameIds, classes, index, statistics, warnings,
                truncatedAt);
    }

    int segmentsReadBeside() {
        return segmentsReadBeside;
    }

    private void readRecords() {
        long size = file.size();
        long pos = header.recordsStart();
        cancel.check();
        while (pos < size) {
            if (size - pos < 9) {
                readDeferred();
                truncated("a record header", pos);
                return;
            }
            int tag = file.u1(pos);
            long length = file.u4(pos + 5);
            long body = pos + 9;
            boolean defer = mayDefer(tag, body, length);
            if (!defer) {
                // What waits comes earlier in the file: its damage, if any, is the one to report first.
                readDeferred();
            }
            checkRecord(tag, length, pos);
            if (tag == HprofTags.HEAP_DUMP || tag == HprofTags.HEAP_DUMP_SEGMENT) {
                sawSegments |= tag == HprofTags.HEAP_DUMP_SEGMENT;
                sawHeapDump = true;
                if (defer) {
                    deferred.add(new long[] {pos, body, length});
                    deferredBytes += length;
                    pos = body + length;
                    continue;
                }
                pos = readHeapDump(tag, pos, body, length);
                continue;
            }
            sawHeapDumpEnd |= tag == HprofTags.HEAP_DUMP_END;
            if (body + length > size) {
                truncated("a record of tag 0x" + Integer.toHexString(tag), pos);
                return;
            }
            readRecord(tag, body, length);
            pos = body + length;
            tick(pos);
        }
        readDeferred();
        if (sawSegments && !sawHeapDumpEnd) {
            // A segmented dump always closes with HEAP DUMP END; without it, it was cut at a record boundary.
            truncated("the dump ends without its HEAP DUMP END record", size);
        } else if (!sawHeapDump) {
            // Strings and classes come first; a file cut between them and the heap has no object at all.
            truncated("the file ends before any heap dump record", size);
        }
    }

    /**
     * A record that cannot be right is damage, wherever the file ends: a tag no writer uses, a record of
     * fixed layout with another length, or a name longer than any a JVM writes. Only a record that could
     * be right and runs past the end of the file is a cut (truncation).
     */
    private void checkRecord(int tag, long length, long pos) {
        if (!HprofTags.isKnownRecord(tag)) {
            throw DumpFormatException.atOffset(String.format(java.util.Locale.ROOT,
                    "unknown record tag 0x%02x (claiming %,d bytes) where a record should start: the dump is damaged,"
                            + " not cut off", tag, length), pos);
        }
        long fixed = HprofTags.fixedLength(tag, idSize);
        if (fixed >= 0 && length != fixed) {
            throw DumpFormatException.atOffset(String.format(java.util.Locale.ROOT,
                    "a record of tag 0x%02x claims %,d bytes where its layout has %d: the dump is damaged", tag, length,
                    fixed), pos);
        }
        if (tag == HprofTags.STRING && (length < idSize || length > idSize + MAX_NAME_BYTES)) {
            throw DumpFormatException.atOffset(String.format(java.util.Locale.ROOT,
                    "a STRING record claims %,d bytes; a name is an id and at most %,d bytes: the dump is damaged", length,
                    MAX_NAME_BYTES), pos);
        }
    }

    private void readRecord(int tag, long body, long length) {
        switch (tag) {
            case HprofTags.STRING -> strings.add(file.id(body, idSize), body + idSize, length - idSize);
            case HprofTags.LOAD_CLASS -> {
                int serial = file.i4(body);
                long classId = file.id(body + 4, idSize);
                long nameId = file.id(body + 8 + idSize, idSize);
                classNameIds.put(classId, nameId);
                stacks.addClassSerial(serial, classId);
            }
            case HprofTags.STACK_FRAME -> stacks.addFrame(file.id(body, idSize), new StackTable.Frame(
                    file.id(body + idSize, idSize), file.id(body + 2L * idSize, idSize),
                    file.id(body + 3L * idSize, idSize), file.i4(body + 4L * idSize), file.i4(body + 4L * idSize + 4)));
            case HprofTags.STACK_TRACE -> {
                int serial = file.i4(body);
                int thread = file.i4(body + 4);
                long frameCount = file.u4(body + 8);
                if (12 + frameCount * idSize > length) {
                    throw DumpFormatException.atOffset("a STACK TRACE claims " + frameCount + " frames, more than its record holds", body);
                }
                long[] frameIds = new long[(int) frameCount];
                for (int i = 0; i < frameCount; i++) {
                    frameIds[i] = file.id(body + 12 + (long) i * idSize, idSize);
                }
                stacks.addTrace(serial, new StackTable.Trace(thread, frameIds));
            }
            case HprofTags.START_THREAD -> {
                int threadSerial = file.i4(body);
                long objectId = file.id(body + 4, idSize);
                int traceSerial = file.i4(body + 4 + idSize);
                stacks.addThread(threadSerial, objectId, traceSerial);
                stacks.addThreadName(threadSerial, file.id(body + 8 + idSize, idSize));
            }
            default -> {
                // UNLOAD CLASS, ALLOC SITES, HEAP SUMMARY, END THREAD, CPU SAMPLES, CONTROL SETTINGS and
                // HEAP DUMP END: nothing a chain needs (unknown tags were refused by checkRecord).
            }
        }
    }

    /** Reads one HEAP_DUMP or HEAP_DUMP_SEGMENT record and returns where the next record starts. */
    private long readHeapDump(int tag, long start, long body, long length) {
        long size = file.size();
        long declaredEnd = body + length;
        if (length == 0 && tag == HprofTags.HEAP_DUMP) {
            // A writer that died before patching the length leaves 0: the heap runs to the end.
            warnings.add("the HEAP_DUMP record at byte " + start + " has length 0 (a dump cut off while written);"
                    + " read to the end of the file");
            if (complete) {
                truncatedAt = size;
            }
            complete = false;
            declaredEnd = size;
        }
        // Only a single HEAP_DUMP record can outgrow its 4-byte length; its sub-records then run past the
        // declared end, which is right modulo 2^32. Such a record is bounded by the file instead, and ends
        // at the first sub-record boundary congruent to the declared end where a record plausibly starts.
        boolean mayWrap = tag == HprofTags.HEAP_DUMP && size - body > lengthWrap;
        long bound = mayWrap ? size : Math.min(declaredEnd, size);
        if (!mayWrap && declaredEnd > size) {
            truncated("the heap dump record that starts at byte " + start, size);
        }
        long p = body;
        while (true) {
            if (p >= declaredEnd && (p - declaredEnd) % lengthWrap == 0
                    && (p == size || !mayWrap || looksLikeRecordAt(p))) {
                if (p > declaredEnd) {
                    warnings.add("the HEAP_DUMP record at byte " + start + " is longer than its 4-byte length says"
                            + " (a dump over 4 GB); it was read to byte " + p);
                }
                return p;
            }
            if (p >= bound) {
                return bound;
            }
            long next = readSubRecord(p, bound);
            if (next < 0) {
                return size;
            }
            p = next;
            tick(p);
        }
    }

    private boolean looksLikeRecordAt(long pos) {
        if (file.size() - pos < 9) {
            return false;
        }
        int tag = file.u1(pos);
        return HprofTags.isKnownRecord(tag) && pos + 9 + file.u4(pos + 5) <= file.size();
    }

    /** Reads the sub-record at {@code p}; returns the next position, or -1 when the file was cut inside it. */
    private long readSubRecord(long p, long end) {
        int tag = file.u1(p);
        recordCounts[tag]++;
        RootKind rootKind = RootKind.ofTag(tag);
        if (rootKind != null) {
            long next = p + rootKind.recordLength(idSize);
            if (next > end) {
                return cut(p, end);
            }
            long id = file.id(p + 1, idSize);
            int thread = rootKind.hasThread() ? file.i4(p + 1 + idSize) : 0;
            int frame = rootKind.hasFrame() ? file.i4(p + 5 + idSize) : -1;
            if (rootKind == RootKind.THREAD_OBJECT) {
                stacks.addThread(thread, id, file.i4(p + 5 + idSize));
            }
            roots.add(rootKind, id, thread, frame);
            return next;
        }
        switch (tag) {
            case HprofTags.INSTANCE_DUMP -> {
                long head = 1 + idSize + 4 + idSize + 4;
                if (p + head > end) {
                    return cut(p, end);
                }
                long next = p + head + file.u4(p + 1 + 2L * idSize + 4);
                if (next > end) {
                    return cut(p, end);
                }
                addObject(file.id(p + 1, idSize), ObjectEntry.INSTANCE, classIndex(file.id(p + 1 + idSize + 4, idSize)), p);
                return next;
            }
            case HprofTags.OBJECT_ARRAY_DUMP -> {
                long head = 1 + idSize + 4 + 4 + idSize;
                if (p + head > end) {
                    return cut(p, end);
                }
                long next = p + head + file.u4(p + 1 + idSize + 4) * idSize;
                if (next > end) {
                    return cut(p, end);
                }
                addObject(file.id(p + 1, idSize), ObjectEntry.OBJECT_ARRAY, classIndex(file.id(p + 1 + idSize + 8, idSize)), p);
                return next;
            }
            case HprofTags.PRIMITIVE_ARRAY_DUMP, HprofTags.PRIMITIVE_ARRAY_NODATA -> {
                long head = 1 + idSize + 4 + 4 + 1;
                if (p + head > end) {
                    return cut(p, end);
                }
                int type = file.u1(p + 1 + idSize + 8);
                long data = tag == HprofTags.PRIMITIVE_ARRAY_DUMP
                        ? file.u4(p + 1 + idSize + 4) * BasicType.size(type, idSize, p + 1 + idSize + 8)
                        : 0;
                if (p + head + data > end) {
                    return cut(p, end);
                }
                addObject(file.id(p + 1, idSize), ObjectEntry.PRIMITIVE_ARRAY, type, p);
                return p + head + data;
            }
            case HprofTags.CLASS_DUMP -> {
                if (!readsClasses) {
                    throw ClassOrderNeeded.INSTANCE;
                }
                return readClassDump(p, end);
            }
            case HprofTags.HEAP_DUMP_INFO -> {
                long next = p + 1 + 4 + idSize;
                return next > end ? cut(p, end) : next;
            }
            default -> throw DumpFormatException.atOffset(
                    "unknown heap dump sub-record tag 0x" + Integer.toHexString(tag) + " (damaged dump?)", p);
        }
    }

    private long readClassDump(long p, long end) {
        long q = p + 1 + 7L * idSize + 8;
        if (q + 2 > end) {
            return cut(p, end);
        }
        long classId = file.id(p + 1, idSize);
        long superId = file.id(p + 1 + idSize + 4, idSize);
        long loaderId = file.id(p + 1 + 2L * idSize + 4, idSize);
        long signersId = file.id(p + 1 + 3L * idSize + 4, idSize);
        long protectionDomainId = file.id(p + 1 + 4L * idSize + 4, idSize);
        int instanceSize = file.i4(p + 1 + 7L * idSize + 4);
        int constants = file.u2(q);
        q += 2;
        for (int i = 0; i < constants; i++) {
            if (q + 3 > end) {
                return cut(p, end);
            }
            q += 3 + BasicType.size(file.u1(q + 2), idSize, q + 2);
        }
        if (q + 2 > end) {
            return cut(p, end);
        }
        int statics = file.u2(q);
        q += 2;
        long[] staticNames = new long[statics];
        long[] staticValues = new long[statics];
        int refStatics = 0;
        int staticPrimitiveBytes = 0;
        for (int i = 0; i < statics; i++) {
            if (q + idSize + 1 > end) {
                return cut(p, end);
            }
            int type = file.u1(q + idSize);
            int valueSize = BasicType.size(type, idSize, q + idSize);
            if (q + idSize + 1 + valueSize > end) {
                return cut(p, end);
            }
            if (type == BasicType.OBJECT) {
                staticNames[refStatics] = file.id(q, idSize);
                staticValues[refStatics] = file.id(q + idSize + 1, idSize);
                refStatics++;
            } else {
                staticPrimitiveBytes += valueSize;
            }
            q += idSize + 1 + valueSize;
        }
        if (q + 2 > end) {
            return cut(p, end);
        }
        int fields = file.u2(q);
        q += 2;
        if (q + (long) fields * (idSize + 1) > end) {
            return cut(p, end);
        }
        long[] fieldNames = new long[fields];
        byte[] fieldTypes = new byte[fields];
        for (int i = 0; i < fields; i++) {
            fieldNames[i] = file.id(q, idSize);
            fieldTypes[i] = (byte) file.u1(q + idSize);
            BasicType.size(fieldTypes[i], idSize, q + idSize);
            q += idSize + 1;
        }
        if (!classIndexById.containsKey(classId)) {
            if (classes.size() >= ObjectEntry.UNKNOWN_CLASS) {
                throw DumpFormatException.atOffset("more than " + ObjectEntry.UNKNOWN_CLASS + " classes", p);
            }
            classIndexById.put(classId, classes.size());
            classes.add(new HprofClass(classId, superId, loaderId, signersId, protectionDomainId, instanceSize, fieldNames, fieldTypes,
                    java.util.Arrays.copyOf(staticNames, refStatics), java.util.Arrays.copyOf(staticValues, refStatics)));
            classes.get(classes.size() - 1).staticPrimitiveBytes = staticPrimitiveBytes;
        }
        classObjectIds.add(classId);
        classObjectEntries.add(ObjectEntry.pack(ObjectEntry.CLASS, classIndexById.get(classId), p));
        return q;
    }

    private int classIndex(long classId) {
        int index = classIndexById.getOrDefault(classId, -1);
        if (index < 0) {
            unresolvedClasses = true;
            return ObjectEntry.UNKNOWN_CLASS;
        }
        return index;
    }

    /** Objects written before their class's CLASS DUMP get their class now (one read each). */
    private void resolveLateClasses(ObjectIndex index) {
        for (int i = 0; i < index.count(); i++) {
            long entry = index.entry(i);
            int kind = ObjectEntry.kind(entry);
            if ((kind == ObjectEntry.INSTANCE || kind == ObjectEntry.OBJECT_ARRAY)
                    && ObjectEntry.classOrType(entry) == ObjectEntry.UNKNOWN_CLASS) {
                long off = ObjectEntry.offset(entry);
                long classId = file.id(off + 1 + idSize + (kind == ObjectEntry.INSTANCE ? 4 : 8), idSize);
                int ci = classIndexById.getOrDefault(classId, -1);
                if (ci >= 0) {
                    index.setEntry(i, ObjectEntry.withClass(entry, ci));
                }
            }
        }
    }

    private void addObject(long id, int kind, int classOrType, long offset) {
        if (objectIds.size() == Integer.MAX_VALUE - 8) {
            throw DumpFormatException.atOffset("more than 2^31 objects: too many for one analysis", offset);
        }
        idsAscending &= id > lastId;
        lastId = id;
        objectIds.add(id);
        objectEntries.add(ObjectEntry.pack(kind, classOrType, offset));
    }

    /**
     * Whether a heap record may wait to be read two at a time: a HEAP_DUMP_SEGMENT that ends before the file
     * does (a HEAP_DUMP may overflow its length; the last record may be the one a cut file ends inside), once
     * every class LOAD CLASS named has had its CLASS DUMP, so that what follows refers to classes already known.
     * (checkRecord refuses nothing of that tag, so waiting skips no check.)
     */
    private boolean mayDefer(int tag, long body, long length) {
        return threads > 1 && tag == HprofTags.HEAP_DUMP_SEGMENT && body + length < file.size()
                && !classes.isEmpty() && classes.size() >= classNameIds.size();
    }

    /**
     * Reads the deferred segments: the first half (by bytes) here, the second on another thread into an indexer
     * of its own, appended afterwards as if read here. The other thread is always ended before this returns
     * (the file is closed once indexing fails).
     */
    private void readDeferred() {
        if (deferred.isEmpty()) {
            return;
        }
        List<long[]> segments = new ArrayList<>(deferred);
        int split = halfwayByBytes(segments, deferredBytes);
        deferred.clear();
        deferredBytes = 0;
        List<long[]> here = segments.subList(0, split);
        List<long[]> beside = segments.subList(split, segments.size());
        AtomicBoolean stop = new AtomicBoolean();
        HprofIndexer other = new HprofIndexer(file, header, () -> stop.get() || cancel.isCancelled(),
                ProgressListener.NONE, lengthWrap, 1, classIndexById.clone(), false);
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                other.readSegments(beside);
            } catch (OutOfMemoryError e) {
                // Read in turn then, in the heap these lists held.
                other.objectIds.clear();
                other.objectEntries.clear();
                throw e;
            }
            return null;
        });
        Thread thread = here.isEmpty() ? null : HelperThreads.startedOrNull("casebook-index", task);
        if (thread == null) {
            readSegments(segments);
            return;
        }
        try {
            readSegments(here);
        } catch (RuntimeException | Error e) {
            stop.set(true);
            throw e;
        } finally {
            HelperThreads.awaitEnd(thread);
        }
        try {
            task.get();
            append(other);
            segmentsReadBeside += beside.size();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r && r != ClassOrderNeeded.INSTANCE) {
                throw r;
            }
            if (cause instanceof Error error && !(cause instanceof OutOfMemoryError)) {
                throw error;
            }
            // A CLASS DUMP among the objects, or no heap for the second thread's lists (dropped now): in turn.
            readSegments(beside);
        } catch (InterruptedException e) {
            throw new IllegalStateException("the task had ended", e);
        }
    }

    /** How many of the first segments make half of {@code total} bytes; at least one is left for the second half. */
    private static int halfwayByBytes(List<long[]> segments, long total) {
        int split = 0;
        for (long bytes = 0; split < segments.size() - 1 && bytes < total / 2; split++) {
            bytes += segments.get(split)[2];
        }
        return split;
    }

    private void readSegments(List<long[]> segments) {
        for (long[] segment : segments) {
            // Also where the second thread sees a stop: its half may hold fewer sub-records than tick counts.
            cancel.check();
            readHeapDump(HprofTags.HEAP_DUMP_SEGMENT, segment[0], segment[1], segment[2]);
        }
    }

    /** What {@code later} read from the segments after this one's, added as if this one had read them. */
    private void append(HprofIndexer later) {
        int count = later.objectIds.size();
        if ((long) objectIds.size() + count > Integer.MAX_VALUE - 8) {
            throw DumpFormatException.atOffset("more than 2^31 objects: too many for one analysis",
                    ObjectEntry.offset(later.objectEntries.get(0)));
        }
        if (count > 0) {
            idsAscending &= later.idsAscending && later.objectIds.get(0) > lastId;
            lastId = later.lastId;
        }
        objectIds.addAll(later.objectIds);
        objectEntries.addAll(later.objectEntries);
        for (int i = 0; i < later.roots.count(); i++) {
            roots.add(later.roots.kind(i), later.roots.id(i), later.roots.thread(i), later.roots.frame(i));
        }
        stacks.addThreadsOf(later.stacks);
        for (int tag = 0; tag < recordCounts.length; tag++) {
            recordCounts[tag] += later.recordCounts[tag];
        }
        unresolvedClasses |= later.unresolvedClasses;
        warnings.addAll(later.warnings);
        if (!later.complete) {
            // Not met today (a segment that waits ends before the file does), kept true to one pass all the same.
            truncatedAt = complete ? later.truncatedAt : truncatedAt;
            complete = false;
        }
    }

    /** The second thread met a CLASS DUMP: class numbers follow file order, so its segments are read in turn. */
    private static final class ClassOrderNeeded extends RuntimeException {
        static final ClassOrderNeeded INSTANCE = new ClassOrderNeeded();

        private ClassOrderNeeded() {
            super("a CLASS DUMP among the objects", null, false, false);
        }
    }

    private long cut(long p, long end) {
        if (end < file.size()) {
            throw DumpFormatException.atOffset("a heap sub-record runs past the end of its HEAP_DUMP_SEGMENT", p);
        }
        truncated("a heap sub-record", p);
        return -1;
    }

    /** @param inside what the file ends inside of: "a heap sub-record", "the heap dump record that starts at byte 5" */
    private void truncated(String inside, long offset) {
        if (complete) {
            truncatedAt = offset;
            warnings.add("the dump is truncated at byte " + offset + ", inside " + inside + ": objects after it are"
                    + " missing, so chains may be missing or longer than in the live heap, and objects held only from the"
                    + " missing part look unreachable");
        }
        complete = false;
    }

    private void tick(long pos) {
        if (--untilCheck > 0) {
            return;
        }
        untilCheck = CHECK_INTERVAL;
        cancel.check();
        int percent = (int) (pos * 100 / Math.max(1, file.size()));
        if (percent != lastPercent) {
            lastPercent = percent;
            progress.progress(AnalysisPhase.INDEXING, percent);
        }
    }
}
