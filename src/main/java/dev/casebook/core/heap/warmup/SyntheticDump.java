package dev.casebook.core.heap.warmup;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes an HPROF file with the make-up of a JDK 17 dump — strings, classes with a hierarchy and statics,
 * stack traces and threads, segmented heap records with every common sub-record, roots of six kinds, weak
 * references, hash maps, lists, a long linked list, primitive arrays — but made of nothing: no data of
 * anybody's. Its only use is to run the analysis code along the paths real dumps take (see
 * {@link AnalysisWarmUp}). {@value #LEAKED} instances are reachable through a static map, a list held by a
 * thread's frame and a linked list; some only through weak references; some not at all.
 */
public final class SyntheticDump {

    public static final String LEAKED = "casebook.warmup.Leaked";

    private static final int ID = 8;
    private static final int OBJECT = 2;
    private static final int BOOLEAN = 4;
    private static final int CHAR = 5;
    private static final int BYTE = 8;
    private static final int INT = 10;
    private static final int LONG = 11;
    private static final int SEGMENT_BYTES = 1 << 20;
    private static final byte[] ZEROS = new byte[8];

    private final SplittableRandom random;
    private final DataOutputStream file;
    private ByteArrayOutputStream segmentBytes = new ByteArrayOutputStream(SEGMENT_BYTES + (1 << 16));
    private DataOutputStream segment = new DataOutputStream(segmentBytes);
    private long nextString = 0x10_0000L;
    private long nextObject = 0x7_0000_0000L;
    private int nextSerial = 1;
    private final List<long[]> roots = new ArrayList<>();

    private SyntheticDump(OutputStream out, long seed) {
        this.file = new DataOutputStream(out);
        this.random = new SplittableRandom(seed);
    }

    /** A class as written: its object id, superclass, and instance fields (name id, basic type) in layout order. */
    private record Klass(long id, Klass superclass, long[] fieldNames, int[] fieldTypes) {
        int ownSize() {
            int size = 0;
            for (int type : fieldTypes) {
                size += width(type);
            }
            return size;
        }

        int references() {
            int count = 0;
            for (int type : fieldTypes) {
                count += type == OBJECT ? 1 : 0;
            }
            return count + (superclass == null ? 0 : superclass.references());
        }

        int instanceSize() {
            return ownSize() + (superclass == null ? 0 : superclass.instanceSize());
        }
    }

    /** Writes a dump of about {@code objects} objects (about 60 bytes each) to {@code path}. */
    public static void write(Path path, int objects, long seed) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            SyntheticDump dump = new SyntheticDump(out, seed);
            dump.writeAll(Math.max(objects, 1_000));
            dump.file.flush();
        }
    }

    private void writeAll(int objects) throws IOException {
        file.write("JAVA PROFILE 1.0.2".getBytes(StandardCharsets.US_ASCII));
        file.write(0);
        file.writeInt(ID);
        file.writeLong(1_700_000_000_000L);

        Klass object = declare("java.lang.Object", null);
        declare("java.lang.Class", object);
        Klass string = declare("java.lang.String", object, "value", OBJECT, "hash", INT, "coder", BYTE, "hashIsZero", BOOLEAN);
        Klass thread = declare("java.lang.Thread", object, "name", OBJECT, "tid", LONG, "threadLocals", OBJECT,
                "contextClassLoader", OBJECT);
        Klass reference = declare("java.lang.ref.Reference", object, "referent", OBJECT, "queue", OBJECT, "next", OBJECT,
                "discovered", OBJECT);
        Klass weak = declare("java.lang.ref.WeakReference", reference);
        Klass soft = declare("java.lang.ref.SoftReference", reference, "timestamp", LONG);
        declare("java.lang.ref.FinalReference", reference);
        declare("java.lang.ref.PhantomReference", reference);
        Klass map = declare("java.util.HashMap", object, "table", OBJECT, "size", INT, "modCount", INT, "threshold", INT);
        Klass node = declare("java.util.HashMap$Node", object, "hash", INT, "key", OBJECT, "value", OBJECT, "next", OBJECT);
        Klass list = declare("java.util.ArrayList", object, "elementData", OBJECT, "size", INT);
        Klass objectArray = declare("java.lang.Object[]", object);
        Klass nodeArray = declare("java.util.HashMap$Node[]", object);
        // HotSpot declares the primitive array classes too (other readers need them to type the arrays).
        for (String primitiveArray : new String[] {"[B", "[C", "[I", "[J", "[Z"}) {
            declare(primitiveArray, object);
        }
        Klass leaked = declare(LEAKED, object, "owner", OBJECT, "payload", OBJECT, "id", LONG);
        List<Klass> app = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Klass parent = i < 8 || random.nextInt(3) == 0 ? object : app.get(random.nextInt(app.size()));
            int refs = 1 + random.nextInt(4);
            Object[] fields = new Object[2 * (refs + 2)];
            for (int f = 0; f < refs + 2; f++) {
                fields[2 * f] = "field" + f;
                fields[2 * f + 1] = f < refs ? OBJECT : (f % 2 == 0 ? INT : LONG);
            }
            app.add(declare("casebook.warmup.Component" + i, parent, fields));
        }
        long methodName = string("run");
        long sourceFile = string("Worker.java");
        long[] threadIds = new long[3];
        for (int t = 0; t < threadIds.length; t++) {
            threadIds[t] = nextObject();
            long frame = 0x20_0000L + t;
            int line = 40 + t;
            record(0x04, 4 * ID + 8, () -> {
                file.writeLong(frame);
                file.writeLong(methodName);
                file.writeLong(0);
                file.writeLong(sourceFile);
                file.writeInt(1);
                file.writeInt(line);
            });
            int serial = t + 1;
            record(0x05, 12 + ID, () -> {
                file.writeInt(serial);
                file.writeInt(serial);
                file.writeInt(1);
                file.writeLong(frame);
            });
        }

        // Classes first, as HotSpot writes them, then the objects, then the roots. The map the static field
        // holds is written last, so its id is taken from above all others: ids stay in address order.
        long mapId = 0x9_0000_0000L;
        long registry = string("REGISTRY");
        for (Klass k : allClasses) {
            classDump(k, k == leaked ? new long[][] {{registry, mapId}} : new long[0][]);
        }
        for (int t = 0; t < threadIds.length; t++) {
            long name = stringObject(string, "worker-" + t);
            instance(threadIds[t], thread, new long[] {name, 0, 0});
            roots.add(new long[] {0x08, threadIds[t], t + 1, t + 1});
        }

        int leakedCount = Math.max(100, objects / 20);
        int reachable = leakedCount * 8 / 10;
        long[] components = new long[Math.max(100, objects / 2)];
        for (int i = 0; i < components.length; i++) {
            Klass k = app.get(random.nextInt(app.size()));
            components[i] = nextObject();
            long[] refs = new long[k.references()];
            for (int r = 0; r < refs.length; r++) {
                refs[r] = i > 0 && random.nextInt(3) > 0 ? components[random.nextInt(i)] : 0;
            }
            instance(components[i], k, refs);
            if (random.nextInt(4) == 0) {
                primitiveArray(random.nextBoolean() ? INT : CHAR, new byte[random.nextInt(64) * 4]);
            }
        }
        // A map of leaked instances held by a static field, some buckets chained.
        int buckets = Integer.highestOneBit(Math.max(16, reachable / 2)) * 2;
        long[] table = new long[buckets];
        long[] leakedIds = new long[leakedCount];
        for (int i = 0; i < leakedCount; i++) {
            leakedIds[i] = nextObject();
            instance(leakedIds[i], leaked, new long[] {components[random.nextInt(components.length)], 0});
            if (i < reachable / 2) {
                long key = stringObject(string, "key-" + i);
                long n = nextObject();
                int bucket = random.nextInt(buckets);
                instance(n, node, new long[] {key, leakedIds[i], table[bucket]});
                table[bucket] = n;
            }
        }
        long tableId = objectArray(nodeArray, table);
        // A list held by a thread's frame, and a long linked list held by a JNI global.
        long[] held = new long[reachable / 4];
        for (int i = 0; i < held.length; i++) {
            held[i] = leakedIds[reachable / 2 + i];
        }
        long listId = nextObject();
        instance(listId, list, new long[] {objectArray(objectArray, held)});
        roots.add(new long[] {0x03, listId, 1, 0});
        long chain = 0;
        for (int i = reachable / 2 + held.length; i < reachable; i++) {
            long n = nextObject();
            instance(n, node, new long[] {0, leakedIds[i], chain});
            chain = n;
        }
        roots.add(new long[] {0x01, chain});
        // Weakly and softly held leaked instances, the references themselves held strongly.
        long[] refs = new long[(leakedCount - reachable) / 2];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = nextObject();
            instance(refs[i], i % 2 == 0 ? weak : soft, new long[] {leakedIds[reachable + i], 0, 0, 0});
        }
        roots.add(new long[] {0x03, objectArray(objectArray, refs), 2, 0});
        // Every fiftieth component held by a frame or a JNI local; the others only through components, or by nothing.
        for (int i = 0; i < components.length; i += 50) {
            roots.add(new long[] {i % 100 == 0 ? 0x03 : 0x02, components[i], 1 + i % 3, 0});
        }
        roots.add(new long[] {0x07, components[0]});
        instance(mapId, map, new long[] {tableId});
        for (Klass k : allClasses) {
            roots.add(new long[] {0x05, k.id()});
        }
        for (long[] root : roots) {
            sub(root[0] == 0x05 || root[0] == 0x07 ? 1 + ID : root[0] == 0x01 ? 1 + 2 * ID : 1 + ID + 8);
            segment.write((int) root[0]);
            segment.writeLong(root[1]);
            if (root[0] == 0x01) {
                segment.writeLong(0x30_0000L);
            } else if (root[0] != 0x05 && root[0] != 0x07) {
                segment.writeInt((int) root[2]);
                segment.writeInt((int) root[3]);
            }
        }
        flushSegment();
        record(0x2c, 0, () -> { });
    }

    private final List<Klass> allClasses = new ArrayList<>();

    private Klass declare(String name, Klass superclass, Object... fields) throws IOException {
        long nameId = string(name.startsWith("[") ? name
                : name.endsWith("[]") ? "[L" + name.substring(0, name.length() - 2) + ";" : name.replace('.', '/'));
        long[] fieldNames = new long[fields.length / 2];
        int[] fieldTypes = new int[fields.length / 2];
        for (int i = 0; i < fieldNames.length; i++) {
            fieldNames[i] = string((String) fields[2 * i]);
            fieldTypes[i] = (Integer) fields[2 * i + 1];
        }
        Klass k = new Klass(nextObject(), superclass, fieldNames, fieldTypes);
        int serial = nextSerial++;
        record(0x02, 8 + 2 * ID, () -> {
            file.writeInt(serial);
            file.writeLong(k.id());
            file.writeInt(0);
            file.writeLong(nameId);
        });
        allClasses.add(k);
        return k;
    }

    private long string(String text) throws IOException {
        long id = nextString++;
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        record(0x01, ID + utf8.length, () -> {
            file.writeLong(id);
            file.write(utf8);
        });
        return id;
    }

    private long nextObject() {
        long id = nextObject;
        nextObject += 16 + 8L * random.nextInt(4);
        return id;
    }

    private void classDump(Klass k, long[][] statics) throws IOException {
        sub(1 + 7 * ID + 8 + 2 + 2 + statics.length * (ID + 1 + ID) + 2 + k.fieldNames().length * (ID + 1));
        segment.write(0x20);
        segment.writeLong(k.id());
        segment.writeInt(0);
        segment.writeLong(k.superclass() == null ? 0 : k.superclass().id());
        for (int i = 0; i < 5; i++) {
            segment.writeLong(0);
        }
        segment.writeInt(k.instanceSize());
        segment.writeShort(0);
        segment.writeShort(statics.length);
        for (long[] s : statics) {
            segment.writeLong(s[0]);
            segment.write(OBJECT);
            segment.writeLong(s[1]);
        }
        segment.writeShort(k.fieldNames().length);
        for (int i = 0; i < k.fieldNames().length; i++) {
            segment.writeLong(k.fieldNames()[i]);
            segment.write(k.fieldTypes()[i]);
        }
    }

    /** An instance whose reference fields, in layout order (the class's own, then its superclasses'), are {@code refs}. */
    private void instance(long id, Klass k, long[] refs) throws IOException {
        int size = k.instanceSize();
        sub(1 + ID + 4 + ID + 4 + size);
        segment.write(0x21);
        segment.writeLong(id);
        segment.writeInt(0);
        segment.writeLong(k.id());
        segment.writeInt(size);
        int ref = 0;
        for (Klass c = k; c != null; c = c.superclass()) {
            for (int type : c.fieldTypes()) {
                if (type == OBJECT) {
                    segment.writeLong(ref < refs.length ? refs[ref] : 0);
                    ref++;
                } else {
                    segment.write(ZEROS, 0, width(type));
                }
            }
        }
    }

    private long objectArray(Klass arrayClass, long[] elements) throws IOException {
        long id = nextObject();
        sub(1 + ID + 4 + 4 + ID + elements.length * ID);
        segment.write(0x22);
        segment.writeLong(id);
        segment.writeInt(0);
        segment.writeInt(elements.length);
        segment.writeLong(arrayClass.id());
        for (long e : elements) {
            segment.writeLong(e);
        }
        return id;
    }

    /** A primitive array of {@code type} whose elements are {@code data} (a multiple of the element width). */
    private long primitiveArray(int type, byte[] data) throws IOException {
        long id = nextObject();
        sub(1 + ID + 4 + 4 + 1 + data.length);
        segment.write(0x23);
        segment.writeLong(id);
        segment.writeInt(0);
        segment.writeInt(data.length / width(type));
        segment.write(type);
        segment.write(data);
        return id;
    }

    private long stringObject(Klass string, String text) throws IOException {
        long value = primitiveArray(BYTE, text.getBytes(StandardCharsets.ISO_8859_1));
        long id = nextObject();
        instance(id, string, new long[] {value});
        return id;
    }

    private static int width(int type) {
        return switch (type) {
            case OBJECT -> ID;
            case BOOLEAN, BYTE -> 1;
            case CHAR -> 2;
            case INT -> 4;
            default -> 8;
        };
    }

    /** Makes room for a sub-record of {@code bytes}: a full segment is written out first, as HotSpot splits them. */
    private void sub(int bytes) throws IOException {
        if (segmentBytes.size() + bytes > SEGMENT_BYTES && segmentBytes.size() > 0) {
            flushSegment();
        }
    }

    private void flushSegment() throws IOException {
        if (segmentBytes.size() == 0) {
            return;
        }
        segment.flush();
        file.write(0x1c);
        file.writeInt(0);
        file.writeInt(segmentBytes.size());
        segmentBytes.writeTo(file);
        segmentBytes.reset();
    }

    @FunctionalInterface
    private interface Body {
        void write() throws IOException;
    }

    private void record(int tag, int length, Body body) throws IOException {
        file.write(tag);
        file.writeInt(0);
        file.writeInt(length);
        body.write();
    }
}
