package dev.casebook.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes small HPROF files byte by byte, for the damaged and unusual cases no JVM writes on demand
 * (a zero or overflowed HEAP_DUMP length, Android's sub-records, unknown tags). Ids are 8 bytes unless
 * built with {@code idSize} 4. Heap sub-records go into the current heap record, closed by
 * {@link #endHeap()} with its real length or a given one.
 */
public final class HprofBuilder {

    private final int idSize;
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(file);
    private ByteArrayOutputStream heap;
    private DataOutputStream heapOut;

    public HprofBuilder(String version, int idSize) {
        this.idSize = idSize;
        try {
            out.write(version.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
            out.writeInt(idSize);
            out.writeLong(1_700_000_000_000L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HprofBuilder hotspot() {
        return new HprofBuilder("JAVA PROFILE 1.0.2", 8);
    }

    public HprofBuilder string(long id, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        record(0x01, idSize + utf8.length, d -> {
            id(d, id);
            d.write(utf8);
        });
        return this;
    }

    public HprofBuilder loadClass(int serial, long classId, long nameId) {
        record(0x02, 8 + 2 * idSize, d -> {
            d.writeInt(serial);
            id(d, classId);
            d.writeInt(0);
            id(d, nameId);
        });
        return this;
    }

    /** A class and its name in one call: the STRING and LOAD CLASS records. */
    public HprofBuilder declareClass(int serial, long classId, String internalName) {
        long nameId = 0x7000_0000L + serial;
        return string(nameId, internalName).loadClass(serial, classId, nameId);
    }

    public HprofBuilder stackFrame(long frameId, long methodNameId, long sourceFileId, int classSerial, int line) {
        record(0x04, 4 * idSize + 8, d -> {
            id(d, frameId);
            id(d, methodNameId);
            id(d, 0);
            id(d, sourceFileId);
            d.writeInt(classSerial);
            d.writeInt(line);
        });
        return this;
    }

    public HprofBuilder stackTrace(int serial, int threadSerial, long... frameIds) {
        record(0x05, 12 + frameIds.length * idSize, d -> {
            d.writeInt(serial);
            d.writeInt(threadSerial);
            d.writeInt(frameIds.length);
            for (long f : frameIds) {
                id(d, f);
            }
        });
        return this;
    }

    /** Opens a HEAP_DUMP (0x0c) or HEAP_DUMP_SEGMENT (0x1c) record. */
    public HprofBuilder startHeap() {
        heap = new ByteArrayOutputStream();
        heapOut = new DataOutputStream(heap);
        return this;
    }

    public HprofBuilder endHeap() {
        return endHeap(0x1c, -1);
    }

    /** Closes the heap record with its tag and a length: -1 for the real one, anything else to lie. */
    public HprofBuilder endHeap(int tag, long length) {
        byte[] body = heap.toByteArray();
        try {
            out.write(tag);
            out.writeInt(0);
            out.writeInt((int) (length < 0 ? body.length : length));
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        heap = null;
        return this;
    }

    /** A root sub-record: tag, object id and the raw extra bytes its kind carries. */
    public HprofBuilder root(int tag, long objectId, int... extraInts) {
        sub(d -> {
            d.write(tag);
            id(d, objectId);
            for (int x : extraInts) {
                d.writeInt(x);
            }
        });
        return this;
    }

    public HprofBuilder jniGlobal(long objectId) {
        sub(d -> {
            d.write(0x01);
            id(d, objectId);
            id(d, 0x99);
        });
        return this;
    }

    /**
     * A CLASS DUMP with no constant pool; {@code statics} are (name id, object id) pairs, {@code fields}
     * (name id, basic type) pairs.
     */
    public HprofBuilder classDump(long classId, long superId, long[][] statics, long[][] fields) {
        sub(d -> {
            d.write(0x20);
            id(d, classId);
            d.writeInt(0);
            id(d, superId);
            for (int i = 0; i < 5; i++) {
                id(d, 0);
            }
            d.writeInt(0);
            d.writeShort(0);
            d.writeShort(statics.length);
            for (long[] s : statics) {
                id(d, s[0]);
                d.write(2);
                id(d, s[1]);
            }
            d.writeShort(fields.length);
            for (long[] f : fields) {
                id(d, f[0]);
                d.write((int) f[1]);
            }
        });
        return this;
    }

    /** An INSTANCE DUMP whose fields are all references, in layout order. */
    public HprofBuilder instance(long id, long classId, long... referenceFields) {
        sub(d -> {
            d.write(0x21);
            id(d, id);
            d.writeInt(0);
            id(d, classId);
            d.writeInt(referenceFields.length * idSize);
            for (long r : referenceFields) {
                id(d, r);
            }
        });
        return this;
    }

    public HprofBuilder objectArray(long id, long arrayClassId, long... elements) {
        sub(d -> {
            d.write(0x22);
            id(d, id);
            d.writeInt(0);
            d.writeInt(elements.length);
            id(d, arrayClassId);
            for (long e : elements) {
                id(d, e);
            }
        });
        return this;
    }

    public HprofBuilder primitiveArrayNoData(long id, int type, int length) {
        sub(d -> {
            d.write(0xc3);
            id(d, id);
            d.writeInt(0);
            d.writeInt(length);
            d.write(type);
        });
        return this;
    }

    public HprofBuilder heapDumpInfo(int heapId, long nameId) {
        sub(d -> {
            d.write(0xfe);
            d.writeInt(heapId);
            id(d, nameId);
        });
        return this;
    }

    /** Raw bytes inside the current heap record (garbage, unknown tags). */
    public HprofBuilder rawSub(byte... bytes) {
        sub(d -> d.write(bytes));
        return this;
    }

    public HprofBuilder heapDumpEnd() {
        record(0x2c, 0, d -> { });
        return this;
    }

    public byte[] bytes() {
        return file.toByteArray();
    }

    private interface Writer {
        void write(DataOutputStream d) throws IOException;
    }

    private void record(int tag, int length, Writer body) {
        try {
            out.write(tag);
            out.writeInt(0);
            out.writeInt(length);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sub(Writer body) {
        try {
            body.write(heapOut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void id(DataOutputStream d, long id) throws IOException {
        if (idSize == 8) {
            d.writeLong(id);
        } else {
            d.writeInt((int) id);
        }
    }
}
