package dev.casebook.core.heap.warmup;

import dev.casebook.core.heap.hprof.BasicType;
import dev.casebook.core.heap.hprof.HprofWriter;
import dev.casebook.core.heap.hprof.RootKind;
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
    private static final int OBJECT = BasicType.OBJECT;
    private static final int BOOLEAN = BasicType.BOOLEAN;
    private static final int CHAR = BasicType.CHAR;
    private static final int BYTE = BasicType.BYTE;
    private static final int INT = BasicType.INT;
    private static final int LONG = BasicType.LONG;
    private static final int SEGMENT_BYTES = 1 << 20;

    private final SplittableRandom random;
    private final HprofWriter file;
    private long nextString = 0x10_0000L;
    private long nextObject = 0x7_0000_0000L;
    private int nextSerial = 1;
    private final List<long[]> roots = new ArrayList<>();

    private SyntheticDump(OutputStream out, long seed) throws IOException {
        this.file = new HprofWriter(out, "JAVA PROFILE 1.0.2", ID, 1_700_000_000_000L, SEGMENT_BYTES);
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
        }
    }

    private void writeAll(int objects) throws IOException {
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
            file.stackFrame(frame, methodName, 0, sourceFile, 1, 40 + t);
            file.stackTrace(t + 1, t + 1, frame);
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
            roots.add(new long[] {RootKind.THREAD_OBJECT.tag(), threadIds[t], t + 1, t + 1});
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
        roots.add(new long[] {RootKind.JAVA_FRAME.tag(), listId, 1, 0});
        long chain = 0;
        for (int i = reachable / 2 + held.length; i < reachable; i++) {
            long n = nextObject();
            instance(n, node, new long[] {0, leakedIds[i], chain});
            chain = n;
        }
        roots.add(new long[] {RootKind.JNI_GLOBAL.tag(), chain});
        // Weakly and softly held leaked instances, the references themselves held strongly.
        long[] refs = new long[(leakedCount - reachable) / 2];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = nextObject();
            instance(refs[i], i % 2 == 0 ? weak : soft, new long[] {leakedIds[reachable + i], 0, 0, 0});
        }
        roots.add(new long[] {RootKind.JAVA_FRAME.tag(), objectArray(objectArray, refs), 2, 0});
        // Every fiftieth component held by a frame or a JNI local; the others only through components, or by nothing.
        for (int i = 0; i < components.length; i += 50) {
            roots.add(new long[] {i % 100 == 0 ? RootKind.JAVA_FRAME.tag() : RootKind.JNI_LOCAL.tag(), components[i], 1 + i % 3, 0});
        }
        roots.add(new long[] {RootKind.MONITOR_USED.tag(), components[0]});
        instance(mapId, map, new long[] {tableId});
        for (Klass k : allClasses) {
            roots.add(new long[] {RootKind.STICKY_CLASS.tag(), k.id()});
        }
        for (long[] root : roots) {
            int tag = (int) root[0];
            if (tag == RootKind.JNI_GLOBAL.tag()) {
                file.rootJniGlobal(root[1], 0x30_0000L);
            } else if (tag == RootKind.STICKY_CLASS.tag() || tag == RootKind.MONITOR_USED.tag()) {
                file.root(tag, root[1]);
            } else {
                file.root(tag, root[1], (int) root[2], (int) root[3]);
            }
        }
        file.heapDumpEnd();
        file.flush();
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
        file.loadClass(nextSerial++, k.id(), 0, nameId);
        allClasses.add(k);
        return k;
    }

    private long string(String text) throws IOException {
        long id = nextString++;
        file.string(id, text);
        return id;
    }

    private long nextObject() {
        long id = nextObject;
        nextObject += 16 + 8L * random.nextInt(4);
        return id;
    }

    private void classDump(Klass k, long[][] statics) throws IOException {
        long[] names = new long[statics.length];
        long[] values = new long[statics.length];
        byte[] types = new byte[statics.length];
        for (int i = 0; i < statics.length; i++) {
            names[i] = statics[i][0];
            values[i] = statics[i][1];
            types[i] = OBJECT;
        }
        byte[] fieldTypes = new byte[k.fieldTypes().length];
        for (int i = 0; i < fieldTypes.length; i++) {
            fieldTypes[i] = (byte) k.fieldTypes()[i];
        }
        file.classDump(k.id(), 0, k.superclass() == null ? 0 : k.superclass().id(), 0, 0, 0, k.instanceSize(), names,
                types, values, k.fieldNames(), fieldTypes);
    }

    /** An instance whose reference fields, in layout order (the class's own, then its superclasses'), are {@code refs}. */
    private void instance(long id, Klass k, long[] refs) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream(k.instanceSize());
        DataOutputStream fields = new DataOutputStream(data);
        int ref = 0;
        for (Klass c = k; c != null; c = c.superclass()) {
            for (int type : c.fieldTypes()) {
                if (type == OBJECT) {
                    fields.writeLong(ref < refs.length ? refs[ref] : 0);
                    ref++;
                } else {
                    fields.write(new byte[width(type)]);
                }
            }
        }
        file.instance(id, 0, k.id(), data.toByteArray());
    }

    private long objectArray(Klass arrayClass, long[] elements) throws IOException {
        long id = nextObject();
        file.objectArray(id, 0, arrayClass.id(), elements);
        return id;
    }

    /** A primitive array of {@code type} whose elements are {@code data} (a multiple of the element width). */
    private long primitiveArray(int type, byte[] data) throws IOException {
        long id = nextObject();
        file.primitiveArray(id, 0, type, data);
        return id;
    }

    private long stringObject(Klass string, String text) throws IOException {
        long value = primitiveArray(BYTE, text.getBytes(StandardCharsets.ISO_8859_1));
        long id = nextObject();
        instance(id, string, new long[] {value});
        return id;
    }

    private static int width(int type) {
        return BasicType.size(type, ID, 0);
    }
}
