package dev.casebook.core.heap.hprof;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes HPROF as HotSpot does: the header, top-level records, and heap sub-records gathered into
 * HEAP_DUMP_SEGMENT records of at most {@code segmentBytes} (a full segment is written out before the
 * sub-record that would overflow it). The one writer of the format: the start-up warm-up's synthetic dump
 * and the tests' hand-made dumps both use it, so the layout is known here and in the reader only.
 * Not a validator: it writes what it is told, which is what tests of damaged dumps need.
 */
public final class HprofWriter {

    private final DataOutputStream out;
    private final int idSize;
    private final int segmentBytes;
    private final ByteArrayOutputStream segmentBuffer = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream segment = new DataOutputStream(segmentBuffer);

    /**
     * Writes the header ("JAVA PROFILE 1.0.2", id size, time) and gathers sub-records in segments of
     * {@code segmentBytes}. Ids are 4 or 8 bytes in any real dump; another size is written as told.
     */
    public HprofWriter(OutputStream out, String version, int idSize, long timestampMillis, int segmentBytes)
            throws IOException {
        this.out = new DataOutputStream(out);
        this.idSize = idSize;
        this.segmentBytes = segmentBytes;
        this.out.write(version.getBytes(StandardCharsets.ISO_8859_1));
        this.out.write(0);
        this.out.writeInt(idSize);
        this.out.writeLong(timestampMillis);
    }

    public int idSize() {
        return idSize;
    }

    // --- Top-level records ------------------------------------------------------------------------

    public void string(long id, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        recordHeader(HprofTags.STRING, idSize + utf8.length);
        id(out, id);
        out.write(utf8);
    }

    public void loadClass(int serial, long classId, int stackSerial, long nameId) throws IOException {
        recordHeader(HprofTags.LOAD_CLASS, 8 + 2 * idSize);
        out.writeInt(serial);
        id(out, classId);
        out.writeInt(stackSerial);
        id(out, nameId);
    }

    public void stackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId, int classSerial,
            int line) throws IOException {
        recordHeader(HprofTags.STACK_FRAME, 4 * idSize + 8);
        id(out, frameId);
        id(out, methodNameId);
        id(out, signatureId);
        id(out, sourceFileId);
        out.writeInt(classSerial);
        out.writeInt(line);
    }

    public void stackTrace(int serial, int threadSerial, long... frameIds) throws IOException {
        recordHeader(HprofTags.STACK_TRACE, 12 + frameIds.length * idSize);
        out.writeInt(serial);
        out.writeInt(threadSerial);
        out.writeInt(frameIds.length);
        for (long f : frameIds) {
            id(out, f);
        }
    }

    /** Any top-level record, its body as given. */
    public void record(int tag, byte[] body) throws IOException {
        recordHeader(tag, body.length);
        out.write(body);
    }

    /** HEAP DUMP END, after writing out the segment in progress. */
    public void heapDumpEnd() throws IOException {
        endSegment();
        recordHeader(HprofTags.HEAP_DUMP_END, 0);
    }

    /** Writes out the segment in progress, if any, as a HEAP_DUMP_SEGMENT with its real length. */
    public void endSegment() throws IOException {
        if (segmentBuffer.size() > 0) {
            endSegment(HprofTags.HEAP_DUMP_SEGMENT, -1);
        }
    }

    /** Writes out the segment in progress with {@code tag} and {@code length} (-1: the real one; tests may lie). */
    public void endSegment(int tag, long length) throws IOException {
        segment.flush();
        recordHeader(tag, (int) (length < 0 ? segmentBuffer.size() : length));
        segmentBuffer.writeTo(out);
        segmentBuffer.reset();
    }

    public void flush() throws IOException {
        out.flush();
    }

    // --- Heap sub-records -------------------------------------------------------------------------

    /** A root sub-record: the root kind's tag, the object, and the u4 values its kind carries. */
    public void root(int tag, long objectId, int... u4s) throws IOException {
        room(1 + idSize + 4 * u4s.length);
        segment.write(tag);
        id(segment, objectId);
        for (int v : u4s) {
            segment.writeInt(v);
        }
    }

    /** A JNI global root: the object and the JNI reference's own id. */
    public void rootJniGlobal(long objectId, long jniRefId) throws IOException {
        room(1 + 2 * idSize);
        segment.write(RootKind.JNI_GLOBAL.tag);
        id(segment, objectId);
        id(segment, jniRefId);
    }

    /**
     * A CLASS DUMP with no constant pool. {@code statics}: name ids, basic types and values (a reference's id,
     * or a primitive's bits); {@code fieldNames} and {@code fieldTypes}: the instance fields in layout order.
     */
    public void classDump(long classId, int stackSerial, long superId, long loaderId, long signersId,
            long protectionDomainId, int instanceSize, long[] staticNames, byte[] staticTypes, long[] staticValues,
            long[] fieldNames, byte[] fieldTypes) throws IOException {
        int staticBytes = 0;
        for (byte type : staticTypes) {
            staticBytes += idSize + 1 + BasicType.size(type, idSize, 0);
        }
        room(1 + 7 * idSize + 8 + 2 + 2 + staticBytes + 2 + fieldNames.length * (idSize + 1));
        segment.write(HprofTags.CLASS_DUMP);
        id(segment, classId);
        segment.writeInt(stackSerial);
        id(segment, superId);
        id(segment, loaderId);
        id(segment, signersId);
        id(segment, protectionDomainId);
        id(segment, 0);
        id(segment, 0);
        segment.writeInt(instanceSize);
        segment.writeShort(0);
        segment.writeShort(staticNames.length);
        for (int i = 0; i < staticNames.length; i++) {
            id(segment, staticNames[i]);
            segment.write(staticTypes[i]);
            value(staticTypes[i], staticValues[i]);
        }
        segment.writeShort(fieldNames.length);
        for (int i = 0; i < fieldNames.length; i++) {
            id(segment, fieldNames[i]);
            segment.write(fieldTypes[i]);
        }
    }

    /** An INSTANCE DUMP: {@code fields} is the instance data, the class's own fields first, then its superclasses'. */
    public void instance(long id, int stackSerial, long classId, byte[] fields) throws IOException {
        room(1 + 2 * idSize + 8 + fields.length);
        segment.write(HprofTags.INSTANCE_DUMP);
        id(segment, id);
        segment.writeInt(stackSerial);
        id(segment, classId);
        segment.writeInt(fields.length);
        segment.write(fields);
    }

    public void objectArray(long id, int stackSerial, long arrayClassId, long[] elements) throws IOException {
        room(1 + 2 * idSize + 8 + elements.length * idSize);
        segment.write(HprofTags.OBJECT_ARRAY_DUMP);
        id(segment, id);
        segment.writeInt(stackSerial);
        segment.writeInt(elements.length);
        id(segment, arrayClassId);
        for (long e : elements) {
            id(segment, e);
        }
    }

    /** A primitive array of {@code type}; {@code data} holds its elements, big-endian as HPROF writes them. */
    public void primitiveArray(long id, int stackSerial, int type, byte[] data) throws IOException {
        room(1 + idSize + 9 + data.length);
        segment.write(HprofTags.PRIMITIVE_ARRAY_DUMP);
        id(segment, id);
        segment.writeInt(stackSerial);
        segment.writeInt(data.length / BasicType.size(type, idSize, 0));
        segment.write(type);
        segment.write(data);
    }

    public void primitiveArrayNoData(long id, int stackSerial, int type, int length) throws IOException {
        room(1 + idSize + 9);
        segment.write(HprofTags.PRIMITIVE_ARRAY_NODATA);
        id(segment, id);
        segment.writeInt(stackSerial);
        segment.writeInt(length);
        segment.write(type);
    }

    public void heapDumpInfo(int heapId, long nameId) throws IOException {
        room(5 + idSize);
        segment.write(HprofTags.HEAP_DUMP_INFO);
        segment.writeInt(heapId);
        id(segment, nameId);
    }

    /** Raw bytes inside the segment (garbage, unknown tags: for tests of damaged dumps). */
    public void rawSub(byte[] bytes) throws IOException {
        room(bytes.length);
        segment.write(bytes);
    }

    /** Instance data made of ids only: the fields of a class whose fields are all references. */
    public byte[] ids(long... ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * idSize);
        DataOutputStream d = new DataOutputStream(bytes);
        try {
            for (long id : ids) {
                id(d, id);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private void value(int type, long bits) throws IOException {
        switch (BasicType.size(type, idSize, 0)) {
            case 1 -> segment.write((int) bits);
            case 2 -> segment.writeShort((int) bits);
            case 4 -> segment.writeInt((int) bits);
            default -> segment.writeLong(bits);
        }
    }

    /** Writes out a full segment before a sub-record of {@code bytes} that would overflow it. */
    private void room(int bytes) throws IOException {
        if (segmentBuffer.size() > 0 && (long) segmentBuffer.size() + bytes > segmentBytes) {
            endSegment();
        }
    }

    private void recordHeader(int tag, int length) throws IOException {
        out.write(tag);
        out.writeInt(0);
        out.writeInt(length);
    }

    private void id(DataOutputStream d, long id) throws IOException {
        if (idSize == 8) {
            d.writeLong(id);
        } else if (idSize == 4) {
            d.writeInt((int) id);
        } else {
            // Only a hostile header says another size; its ids are written as told, big-endian.
            for (int shift = 8 * (idSize - 1); shift >= 0; shift -= 8) {
                d.write((int) (id >>> shift));
            }
        }
    }
}
