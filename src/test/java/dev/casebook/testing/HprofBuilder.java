package dev.casebook.testing;

import dev.casebook.core.heap.hprof.BasicType;
import dev.casebook.core.heap.hprof.HprofTags;
import dev.casebook.core.heap.hprof.HprofWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Small HPROF files for the damaged and unusual cases no JVM writes on demand (a zero or overflowed
 * HEAP_DUMP length, Android's sub-records, unknown tags), in a fluent form over the product's own
 * {@link HprofWriter}. Ids are 8 bytes unless built with {@code idSize} 4. Heap sub-records go into the
 * current heap record, closed by {@link #endHeap()} with its real length or a given one.
 */
public final class HprofBuilder {

    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final HprofWriter writer;

    public HprofBuilder(String version, int idSize) {
        try {
            // One heap record per startHeap/endHeap pair, however large: the tests decide where records end.
            writer = new HprofWriter(file, version, idSize, 1_700_000_000_000L, Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HprofBuilder hotspot() {
        return new HprofBuilder("JAVA PROFILE 1.0.2", 8);
    }

    private interface Step {
        void run() throws IOException;
    }

    private HprofBuilder write(Step step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HprofBuilder string(long id, String text) {
        return write(() -> writer.string(id, text));
    }

    public HprofBuilder loadClass(int serial, long classId, long nameId) {
        return write(() -> writer.loadClass(serial, classId, 0, nameId));
    }

    /** A class and its name in one call: the STRING and LOAD CLASS records. */
    public HprofBuilder declareClass(int serial, long classId, String internalName) {
        long nameId = 0x7000_0000L + serial;
        return string(nameId, internalName).loadClass(serial, classId, nameId);
    }

    public HprofBuilder stackFrame(long frameId, long methodNameId, long sourceFileId, int classSerial, int line) {
        return write(() -> writer.stackFrame(frameId, methodNameId, 0, sourceFileId, classSerial, line));
    }

    public HprofBuilder stackTrace(int serial, int threadSerial, long... frameIds) {
        return write(() -> writer.stackTrace(serial, threadSerial, frameIds));
    }

    /** Opens a HEAP_DUMP (0x0c) or HEAP_DUMP_SEGMENT (0x1c) record: sub-records gather until {@link #endHeap}. */
    public HprofBuilder startHeap() {
        return this;
    }

    public HprofBuilder endHeap() {
        return endHeap(HprofTags.HEAP_DUMP_SEGMENT, -1);
    }

    /** Closes the heap record with its tag and a length: -1 for the real one, anything else to lie. */
    public HprofBuilder endHeap(int tag, long length) {
        return write(() -> writer.endSegment(tag, length));
    }

    /** A root sub-record: tag, object id and the u4 values its kind carries. */
    public HprofBuilder root(int tag, long objectId, int... extraInts) {
        return write(() -> writer.root(tag, objectId, extraInts));
    }

    public HprofBuilder jniGlobal(long objectId) {
        return write(() -> writer.rootJniGlobal(objectId, 0x99));
    }

    /**
     * A CLASS DUMP with no constant pool; {@code statics} are (name id, object id) pairs, {@code fields}
     * (name id, basic type) pairs.
     */
    public HprofBuilder classDump(long classId, long superId, long[][] statics, long[][] fields) {
        long[] staticNames = new long[statics.length];
        long[] staticValues = new long[statics.length];
        byte[] staticTypes = new byte[statics.length];
        for (int i = 0; i < statics.length; i++) {
            staticNames[i] = statics[i][0];
            staticValues[i] = statics[i][1];
            staticTypes[i] = BasicType.OBJECT;
        }
        long[] fieldNames = new long[fields.length];
        byte[] fieldTypes = new byte[fields.length];
        for (int i = 0; i < fields.length; i++) {
            fieldNames[i] = fields[i][0];
            fieldTypes[i] = (byte) fields[i][1];
        }
        return write(() -> writer.classDump(classId, 0, superId, 0, 0, 0, 0, staticNames, staticTypes, staticValues,
                fieldNames, fieldTypes));
    }

    /** An INSTANCE DUMP whose fields are all references, in layout order. */
    public HprofBuilder instance(long id, long classId, long... referenceFields) {
        return write(() -> writer.instance(id, 0, classId, writer.ids(referenceFields)));
    }

    public HprofBuilder objectArray(long id, long arrayClassId, long... elements) {
        return write(() -> writer.objectArray(id, 0, arrayClassId, elements));
    }

    public HprofBuilder primitiveArrayNoData(long id, int type, int length) {
        return write(() -> writer.primitiveArrayNoData(id, 0, type, length));
    }

    public HprofBuilder heapDumpInfo(int heapId, long nameId) {
        return write(() -> writer.heapDumpInfo(heapId, nameId));
    }

    /** Raw bytes inside the current heap record (garbage, unknown tags). */
    public HprofBuilder rawSub(byte... bytes) {
        return write(() -> writer.rawSub(bytes));
    }

    public HprofBuilder heapDumpEnd() {
        return write(() -> writer.record(HprofTags.HEAP_DUMP_END, new byte[0]));
    }

    public byte[] bytes() {
        return write(writer::flush).file.toByteArray();
    }
}
