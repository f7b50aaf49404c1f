package dev.casebook.core.heap.hprof;

import com.carrotsearch.hppc.IntLongHashMap;
import com.carrotsearch.hppc.IntObjectHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;

/**
 * Threads, stack traces and frames (START THREAD, ROOT THREAD OBJECT, STACK TRACE, STACK FRAME), so a
 * root can be described as "local variable in thread "worker-1" at com.example.Worker.run(Worker.java:42)".
 * HotSpot writes them; Shark drops them; we keep them.
 */
final class StackTable {

    record Frame(long methodNameId, long signatureId, long sourceFileId, int classSerial, int line) {
    }

    record Trace(int threadSerial, long[] frameIds) {
    }

    private final LongObjectHashMap<Frame> frames = new LongObjectHashMap<>();
    private final IntObjectHashMap<Trace> traces = new IntObjectHashMap<>();
    /** Thread serial -> thread object id. */
    private final IntLongHashMap threadObjects = new IntLongHashMap();
    /** Thread serial -> stack trace serial. */
    private final IntObjectHashMap<Integer> threadTraces = new IntObjectHashMap<>();
    /** Thread serial -> name string id (START THREAD, written by the old hprof agent). */
    private final IntLongHashMap threadNameIds = new IntLongHashMap();
    /** Class serial -> class object id (LOAD CLASS). */
    private final IntLongHashMap classesBySerial = new IntLongHashMap();

    void addFrame(long id, Frame frame) {
        frames.put(id, frame);
    }

    void addTrace(int serial, Trace trace) {
        traces.put(serial, trace);
    }

    void addThread(int threadSerial, long objectId, int traceSerial) {
        threadObjects.put(threadSerial, objectId);
        threadTraces.put(threadSerial, traceSerial);
    }

    /** Adds the threads {@code later} read (from the records after this table's), as if read here. */
    void addThreadsOf(StackTable later) {
        threadObjects.putAll(later.threadObjects);
        threadTraces.putAll(later.threadTraces);
    }

    void addThreadName(int threadSerial, long nameId) {
        threadNameIds.put(threadSerial, nameId);
    }

    void addClassSerial(int serial, long classId) {
        classesBySerial.put(serial, classId);
    }

    long threadObject(int threadSerial) {
        return threadObjects.getOrDefault(threadSerial, 0L);
    }

    long threadNameId(int threadSerial) {
        return threadNameIds.getOrDefault(threadSerial, 0L);
    }

    long classIdBySerial(int serial) {
        return classesBySerial.getOrDefault(serial, 0L);
    }

    /** The frame at {@code depth} of the thread's stack trace, or null. */
    Frame frame(int threadSerial, int depth) {
        Integer traceSerial = threadTraces.get(threadSerial);
        Trace trace = traceSerial == null ? null : traces.get(traceSerial);
        if (trace == null) {
            // Some writers name the trace by the thread in the trace itself rather than in the root.
            for (var cursor : traces) {
                if (cursor.value.threadSerial() == threadSerial) {
                    trace = cursor.value;
                    break;
                }
            }
        }
        if (trace == null || depth < 0 || depth >= trace.frameIds().length) {
            return null;
        }
        return frames.get(trace.frameIds()[depth]);
    }
}
