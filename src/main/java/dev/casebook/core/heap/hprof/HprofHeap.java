package dev.casebook.core.heap.hprof;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.RootInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An indexed HPROF dump, seen as a {@link HeapGraph}. Built by one pass of {@link HprofIndexer}; object
 * contents are decoded from the memory-mapped file on demand, using each class's precomputed reference
 * offsets, so visiting an object costs a few reads and one index lookup per reference.
 *
 * <p>Edges: every strong reference the JVM holds that the dump records. Instance reference fields and
 * the instance's class ({@code <class>}); object array elements and the array's class ({@code <class>});
 * a class's static reference fields, then its superclass ({@code <super>}), class loader
 * ({@code <loader>}), signers ({@code <signers>}) and protection domain ({@code <protectionDomain>}).
 * Without the class-to-loader edge a loader held only through its classes (every redeploy leak) would look
 * unreachable. {@link ReferenceStrength} says which references are not strong. One analysis at a time, read
 * by at most two of its threads as {@link HeapGraph} allows.
 */
public final class HprofHeap implements HeapGraph, AutoCloseable {

    /** Slots of the references a record holds besides its fields and elements, in the order they are visited. */
    static final int CLASS_SLOT = -1;
    static final int SUPER_SLOT = -2;
    static final int LOADER_SLOT = -3;
    static final int SIGNERS_SLOT = -4;
    static final int PROTECTION_DOMAIN_SLOT = -5;
    private static final String[] SPECIAL_LABELS = {
        null, "<class>", "<super>", "<loader>", "<signers>", "<protectionDomain>"
    };
    private static final int MAX_SHOWN_STRING = 200;

    private final DumpFile file;
    private final HprofHeader header;
    private final int idSize;
    private final StringTable strings;
    private final StackTable stacks;
    private final RootTable roots;
    private final LongLongHashMap classNameIds;
    private final HprofClass[] classes;
    private final LongIntHashMap classIndexById = new LongIntHashMap();
    private final ObjectIndex objects;
    private final DumpStatistics statistics;
    private final int[] rootObjects;
    private final List<String> warnings;
    private final long truncatedAt;
    /** References to ids the dump does not hold, counted once per referring object however often it is visited. */
    private final MissingReferences missing = new MissingReferences();
    private final long[] danglingCounted;
    private boolean danglingCountComplete;
    private final ShallowSizes sizes;
    private final long classInstanceSize;
    /** Classes named by objects but without a CLASS DUMP (Android's array classes): class id -> extra type id. */
    private final LongIntHashMap extraTypes = new LongIntHashMap();

    HprofHeap(DumpFile file, HprofHeader header, StringTable strings, StackTable stacks, RootTable roots,
            LongLongHashMap classNameIds, List<HprofClass> classList, ObjectIndex objects, DumpStatistics statistics,
            List<String> warnings, long truncatedAt) {
        this.file = file;
        this.header = header;
        this.idSize = header.idSize();
        this.strings = strings;
        this.stacks = stacks;
        this.roots = roots;
        this.classNameIds = classNameIds;
        this.classes = classList.toArray(new HprofClass[0]);
        this.objects = objects;
        this.statistics = statistics;
        this.warnings = new ArrayList<>(warnings);
        this.truncatedAt = truncatedAt;
        for (int i = 0; i < classes.length; i++) {
            classIndexById.put(classes[i].id, i);
        }
        ClassLayouts.resolve(classes, classIndexById, classNameIds, strings, idSize);
        for (HprofClass c : classes) {
            c.objectIndex = objects.indexOf(c.id);
        }
        this.danglingCounted = new long[(objects.count() + 63) >>> 6];
        numberUndescribedClasses();
        this.sizes = new ShallowSizes(idSize);
        long classInstance = sizes.instance(new byte[0]);
        for (HprofClass c : classes) {
            c.instanceShallowSize = sizes.instance(c.layoutTypes);
            if (c.name.equals("java.lang.Class")) {
                classInstance = c.instanceShallowSize;
            }
            // Bounded: a damaged dump may make the superclasses a cycle.
            HprofClass k = c;
            for (int depth = 0; k != null && depth < 256 && !c.isClassLoader; depth++) {
                c.isClassLoader = k.name.equals("java.lang.ClassLoader");
                k = k.superIndex < 0 ? null : classes[k.superIndex];
            }
        }
        this.classInstanceSize = classInstance;
        this.rootObjects = new int[roots.count()];
        int missingRoots = 0;
        for (int i = 0; i < rootObjects.length; i++) {
            rootObjects[i] = objects.indexOf(roots.id(i));
            if (rootObjects[i] < 0 && roots.id(i) != 0) {
                missingRoots++;
            }
        }
        if (missingRoots > 0) {
            this.warnings.add(missingRoots + " root records name objects that are not in the dump; they were skipped");
        }
    }

    /** Opens and indexes a dump on the calling thread alone. */
    public static HprofHeap open(Path path, CancelSignal cancel, dev.casebook.core.heap.graph.ProgressListener progress)
            throws IOException {
        return open(path, cancel, progress, 1);
    }

    /**
     * Opens and indexes a dump with {@code indexThreads} threads (1 or 2): with two, the objects' segments are
     * read two at a time where the dump allows it (see {@link HprofIndexer}); the heap is the same.
     */
    public static HprofHeap open(Path path, CancelSignal cancel, dev.casebook.core.heap.graph.ProgressListener progress,
            int indexThreads) throws IOException {
        return open(path, cancel, progress, DumpFile.DEFAULT_WINDOW_SHIFT, HprofIndexer.LENGTH_WRAP, indexThreads);
    }

    /** Test seam: small mapping windows and a small length wrap exercise the edge cases of huge files. */
    static HprofHeap open(Path path, CancelSignal cancel, dev.casebook.core.heap.graph.ProgressListener progress,
            int windowShift, long lengthWrap) throws IOException {
        return open(path, cancel, progress, windowShift, lengthWrap, 1);
    }

    static HprofHeap open(Path path, CancelSignal cancel, dev.casebook.core.heap.graph.ProgressListener progress,
            int windowShift, long lengthWrap, int indexThreads) throws IOException {
        if (indexThreads < 1 || indexThreads > 2) {
            throw new IllegalArgumentException("index threads " + indexThreads);
        }
        DumpFile file = DumpFile.open(path, windowShift);
        try {
            return new HprofIndexer(file, cancel, progress, lengthWrap, indexThreads).index();
        } catch (RuntimeException | Error e) {
            try {
                file.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Whether the file reads as a whole HPROF dump (false when it was cut off). */
    public boolean complete() {
        return truncatedAt < 0;
    }

    /** The byte where a cut-off file stopped being readable, or -1 when it was read whole. */
    public long truncatedAt() {
        return truncatedAt;
    }

    /** What a reader should know about this dump: truncation, duplicates, missing ids. */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        countAllMissingReferences();
        String missingWarning = missing.describe(this::describeHolder, !complete());
        if (missingWarning != null) {
            all.add(missingWarning);
        }
        return all;
    }

    /**
     * Makes the count of missing references the dump's, not the query's: the objects no search visited
     * (garbage, weakly held objects) are read once here. Usually few; at most one more pass over the dump.
     */
    private void countAllMissingReferences() {
        if (danglingCountComplete) {
            return;
        }
        ReferenceVisitor ignore = (slot, target, weak) -> { };
        for (int word = 0; word < danglingCounted.length; word++) {
            if (danglingCounted[word] == -1L) {
                continue;
            }
            for (int object = word << 6; object < Math.min(objects.count(), (word + 1) << 6); object++) {
                if ((danglingCounted[word] & (1L << object)) == 0) {
                    forEachReference(object, ignore);
                }
            }
        }
        danglingCountComplete = true;
    }

    /**
     * What a person needs to know of an object whose references name missing ids: its type and id, what holds
     * it when a root does, and whether it is the JDK's class-data-sharing archive (whose objects HotSpot maps
     * into the heap from the archive file and leaves out of the dump).
     */
    private MissingReferences.Holder describeHolder(int object) {
        String where = typeName(object) + " 0x" + Long.toHexString(objects.id(object));
        String heldBy = null;
        for (int r = 0; r < rootObjects.length; r++) {
            if (rootObjects[r] == object) {
                heldBy = roots.kind(r).meaning;
                break;
            }
        }
        boolean[] archived = {false};
        if (heldBy != null && ObjectEntry.kind(objects.entry(object)) == ObjectEntry.OBJECT_ARRAY) {
            forEachReference(object, (slot, target, weak) -> archived[0] |= isArchiveBookkeeping(typeName(target)));
        }
        return new MissingReferences.Holder(where, heldBy, archived[0]);
    }

    /** Classes only the JDK's archived heap (class-data sharing, JDK 16 and later) keeps in its roots array. */
    private static boolean isArchiveBookkeeping(String type) {
        return type.equals("jdk.internal.module.ArchivedModuleGraph") || type.equals("jdk.internal.module.ArchivedBootLayer")
                || type.equals("jdk.internal.loader.ArchivedClassLoaders");
    }

    /** Record counts as read, before duplicates are merged. */
    public DumpStatistics statistics() {
        return statistics;
    }

    public String version() {
        return header.version();
    }

    public int idSize() {
        return idSize;
    }

    public int classCount() {
        return classes.length;
    }

    /** Bytes of index held in memory, for reporting bytes per object. */
    public long indexFootprintBytes() {
        return objects.footprintBytes();
    }

    // --- HeapGraph ------------------------------------------------------------------------------

    @Override
    public int objectCount() {
        return objects.count();
    }

    @Override
    public int rootCount() {
        return rootObjects.length;
    }

    @Override
    public int rootObject(int root) {
        return rootObjects[root];
    }

    @Override
    public boolean rootHoldsStrongly(int root) {
        return roots.kind(root).holdsStrongly();
    }

    /** Reference fields, elements and the class-record references, plus each object's reference to its class. */
    @Override
    public long referenceSlots() {
        long slots = 0;
        for (int i = 0; i < objects.count(); i++) {
            long entry = objects.entry(i);
            int ci = ObjectEntry.classOrType(entry);
            slots += switch (ObjectEntry.kind(entry)) {
                case ObjectEntry.INSTANCE -> 1 + (ci == ObjectEntry.UNKNOWN_CLASS ? 0 : classes[ci].refOffsets.length);
                case ObjectEntry.OBJECT_ARRAY -> 1 + file.u4Unchecked(ObjectEntry.offset(entry) + 1 + idSize + 4);
                case ObjectEntry.CLASS -> 4 + classes[ci].staticRefValues.length;
                default -> 0;
            };
        }
        return slots;
    }

    @Override
    public long danglingReferences() {
        countAllMissingReferences();
        return missing.total();
    }

    @Override
    public long objectId(int object) {
        return objects.id(object);
    }

    @Override
    public int indexOf(long objectId) {
        return objects.indexOf(objectId);
    }

    @Override
    public void forEachReference(int object, ReferenceVisitor visitor) {
        // Several passes visit an object (the dominator tree's, the searches'); its missing ids are counted the
        // first time only. The choice travels with this call, so a visit nested in a visitor cannot change it.
        long bit = 1L << object;
        int counted = (danglingCounted[object >>> 6] & bit) == 0 ? object : -1;
        danglingCounted[object >>> 6] |= bit;
        visit(object, visitor, counted);
    }

    @Override
    public void forEachReferenceReadOnly(int object, ReferenceVisitor visitor) {
        visit(object, visitor, -1);
    }

    /** {@code counted}: the object whose missing ids this visit counts, or -1 for none. */
    private void visit(int object, ReferenceVisitor visitor, int counted) {
        long entry = objects.entry(object);
        switch (ObjectEntry.kind(entry)) {
            case ObjectEntry.INSTANCE -> visitInstance(entry, visitor, counted);
            case ObjectEntry.OBJECT_ARRAY -> visitArray(entry, visitor, counted);
            case ObjectEntry.CLASS -> visitClass(ObjectEntry.classOrType(entry), visitor, counted);
            default -> {
                // Primitive arrays hold no references: the file is not even touched.
            }
        }
    }

    private void visitInstance(long entry, ReferenceVisitor visitor, int counted) {
        int ci = ObjectEntry.classOrType(entry);
        if (ci == ObjectEntry.UNKNOWN_CLASS) {
            return;
        }
        HprofClass c = classes[ci];
        long off = ObjectEntry.offset(entry);
        // Records were bounds-checked by the indexer, so the fields are read without further checks.
        long length = file.u4Unchecked(off + 1 + 2L * idSize + 4);
        long data = off + 1 + 2L * idSize + 8;
        int[] refOffsets = c.refOffsets;
        for (int k = 0; k < refOffsets.length; k++) {
            int at = refOffsets[k];
            if (at + idSize > length) {
                break;
            }
            long id = file.idUnchecked(data + at, idSize);
            if (id != 0) {
                emit(k, id, c.refWeak[k], visitor, counted);
            }
        }
        if (c.objectIndex >= 0) {
            visitor.reference(CLASS_SLOT, c.objectIndex, false);
        }
    }

    private void visitArray(long entry, ReferenceVisitor visitor, int counted) {
        long off = ObjectEntry.offset(entry);
        long n = file.u4Unchecked(off + 1 + idSize + 4);
        long data = off + 1 + idSize + 8 + idSize;
        for (int i = 0; i < n; i++) {
            long id = file.idUnchecked(data + (long) i * idSize, idSize);
            if (id != 0) {
                emit(i, id, false, visitor, counted);
            }
        }
        int ci = ObjectEntry.classOrType(entry);
        if (ci != ObjectEntry.UNKNOWN_CLASS && classes[ci].objectIndex >= 0) {
            visitor.reference(CLASS_SLOT, classes[ci].objectIndex, false);
        }
    }

    private void visitClass(int ci, ReferenceVisitor visitor, int counted) {
        HprofClass c = classes[ci];
        for (int k = 0; k < c.staticRefValues.length; k++) {
            long id = c.staticRefValues[k];
            if (id != 0) {
                emit(k, id, c.staticRefWeak[k], visitor, counted);
            }
        }
        emitNonZero(SUPER_SLOT, c.superId, visitor, counted);
        emitNonZero(LOADER_SLOT, c.loaderId, visitor, counted);
        emitNonZero(SIGNERS_SLOT, c.signersId, visitor, counted);
        emitNonZero(PROTECTION_DOMAIN_SLOT, c.protectionDomainId, visitor, counted);
    }

    private void emitNonZero(int slot, long id, ReferenceVisitor visitor, int counted) {
        if (id != 0) {
            emit(slot, id, false, visitor, counted);
        }
    }

    /** The id a class record names in one of its special slots. */
    private static long specialId(HprofClass c, int slot) {
        return switch (slot) {
            case SUPER_SLOT -> c.superId;
            case LOADER_SLOT -> c.loaderId;
            case SIGNERS_SLOT -> c.signersId;
            case PROTECTION_DOMAIN_SLOT -> c.protectionDomainId;
            default -> 0;
        };
    }

    /** Reports a reference; one to an id the dump lacks is counted for {@code counted}, the referring object (-1: not). */
    private void emit(int slot, long id, boolean weak, ReferenceVisitor visitor, int counted) {
        int target = objects.indexOf(id);
        if (target >= 0) {
            visitor.reference(slot, target, weak);
        } else if (counted >= 0) {
            missing.add(counted);
        }
    }

    @Override
    public String typeName(int object) {
        long entry = objects.entry(object);
        int ci = ObjectEntry.classOrType(entry);
        return switch (ObjectEntry.kind(entry)) {
            case ObjectEntry.INSTANCE -> ci == ObjectEntry.UNKNOWN_CLASS
                    ? className(file.id(ObjectEntry.offset(entry) + 1 + idSize + 4, idSize)) : classes[ci].name;
            case ObjectEntry.OBJECT_ARRAY -> {
                String name = ci == ObjectEntry.UNKNOWN_CLASS
                        ? className(file.id(ObjectEntry.offset(entry) + 1 + idSize + 8, idSize)) : classes[ci].name;
                yield name.endsWith("[]") ? name : "java.lang.Object[]";
            }
            case ObjectEntry.PRIMITIVE_ARRAY -> BasicType.javaName(ci) + "[]";
            default -> "java.lang.Class";
        };
    }

    @Override
    public String objectName(int object) {
        long entry = objects.entry(object);
        if (ObjectEntry.kind(entry) == ObjectEntry.CLASS) {
            return classes[ObjectEntry.classOrType(entry)].name;
        }
        if (ObjectEntry.kind(entry) == ObjectEntry.INSTANCE && isThread(object)) {
            return threadNameOf(object);
        }
        return null;
    }

    @Override
    public String edgeLabel(int from, int to, boolean includeWeak) {
        int slot = slotOf(from, to, includeWeak);
        long entry = objects.entry(from);
        int ci = ObjectEntry.classOrType(entry);
        if (slot == NO_SLOT) {
            return "?";
        }
        if (slot < 0) {
            return SPECIAL_LABELS[-slot];
        }
        return switch (ObjectEntry.kind(entry)) {
            case ObjectEntry.OBJECT_ARRAY -> "[" + slot + "]";
            case ObjectEntry.CLASS -> classes[ci].staticLabel(slot, strings);
            case ObjectEntry.INSTANCE -> strings.getOrPlaceholder(classes[ci].layoutNameIds[classes[ci].refLayoutPositions[slot]]);
            default -> "?";
        };
    }

    @Override
    public String edgeShape(int from, int to, boolean includeWeak) {
        // Any index of an array: no need to find which one (an array may hold thousands of targets).
        return isElementStep(from, to) ? "[*]" : edgeLabel(from, to, includeWeak);
    }

    /** Whether {@code from} is an object array and {@code to} one of its elements rather than its class. */
    private boolean isElementStep(int from, int to) {
        long entry = objects.entry(from);
        if (ObjectEntry.kind(entry) != ObjectEntry.OBJECT_ARRAY) {
            return false;
        }
        int ci = ObjectEntry.classOrType(entry);
        return ci == ObjectEntry.UNKNOWN_CLASS || classes[ci].objectIndex != to || slotOf(from, to, true) >= 0;
    }

    private static final int NO_SLOT = Integer.MIN_VALUE;

    /** (kind, class, slot): a class's name and one of its fields, or an array class and {@code [*]}, say all of a step. */
    @Override
    public long stepKey(int from, int to, boolean includeWeak) {
        long entry = objects.entry(from);
        int kind = ObjectEntry.kind(entry);
        int ci = ObjectEntry.classOrType(entry);
        if (ci == ObjectEntry.UNKNOWN_CLASS || kind == ObjectEntry.PRIMITIVE_ARRAY) {
            return -1;
        }
        int slot = isElementStep(from, to) ? 0 : slotOf(from, to, includeWeak);
        return stepKey(kind, ci, slot);
    }

    /** The slot the visit reported is the one {@link #slotOf} would find: the first the search could follow. */
    @Override
    public long stepKeyAt(int from, int slot, int to, boolean includeWeak) {
        long entry = objects.entry(from);
        int kind = ObjectEntry.kind(entry);
        int ci = ObjectEntry.classOrType(entry);
        if (ci == ObjectEntry.UNKNOWN_CLASS || kind == ObjectEntry.PRIMITIVE_ARRAY) {
            return -1;
        }
        return stepKey(kind, ci, kind == ObjectEntry.OBJECT_ARRAY && slot >= 0 ? 0 : slot);
    }

    private static long stepKey(int kind, int ci, int slot) {
        long slotCode = slot == NO_SLOT ? 0xffffffL : slot < 0 ? 0xfffff0L - slot : slot & 0xffffffL;
        return ((long) kind << 56) | ((long) ci << 24) | slotCode;
    }

    /**
     * The first reference of {@code from} to {@code to} the search could have followed, in the order the
     * search visits them. Compares raw ids, so finding an element of a large array costs a scan of its
     * bytes, not an index lookup per element (and counts no dangling references twice).
     */
    private int slotOf(int from, int to, boolean includeWeak) {
        long target = objects.id(to);
        long entry = objects.entry(from);
        long off = ObjectEntry.offset(entry);
        int ci = ObjectEntry.classOrType(entry);
        switch (ObjectEntry.kind(entry)) {
            case ObjectEntry.OBJECT_ARRAY -> {
                long n = file.u4Unchecked(off + 1 + idSize + 4);
                long data = off + 1 + idSize + 8 + idSize;
                for (int i = 0; i < n; i++) {
                    if (file.idUnchecked(data + (long) i * idSize, idSize) == target) {
                        return i;
                    }
                }
                if (ci != ObjectEntry.UNKNOWN_CLASS && classes[ci].objectIndex == to) {
                    return CLASS_SLOT;
                }
            }
            case ObjectEntry.INSTANCE -> {
                if (ci == ObjectEntry.UNKNOWN_CLASS) {
                    return NO_SLOT;
                }
                HprofClass c = classes[ci];
                long length = file.u4Unchecked(off + 1 + 2L * idSize + 4);
                long data = off + 1 + 2L * idSize + 8;
                for (int k = 0; k < c.refOffsets.length && c.refOffsets[k] + idSize <= length; k++) {
                    if ((includeWeak || !c.refWeak[k]) && file.idUnchecked(data + c.refOffsets[k], idSize) == target) {
                        return k;
                    }
                }
                if (c.objectIndex == to) {
                    return CLASS_SLOT;
                }
            }
            case ObjectEntry.CLASS -> {
                HprofClass c = classes[ci];
                for (int k = 0; k < c.staticRefValues.length; k++) {
                    if ((includeWeak || !c.staticRefWeak[k]) && c.staticRefValues[k] == target) {
                        return k;
                    }
                }
                for (int slot = SUPER_SLOT; slot >= PROTECTION_DOMAIN_SLOT; slot--) {
                    if (specialId(c, slot) == target) {
                        return slot;
                    }
                }
            }
            default -> {
                // A primitive array refers to nothing.
            }
        }
        return NO_SLOT;
    }

    @Override
    public int[] instancesOf(Set<String> typeNames, CancelSignal cancel) {
        boolean[] matchingClass = new boolean[classes.length];
        boolean anyClass = false;
        for (int i = 0; i < classes.length; i++) {
            if (typeNames.contains(classes[i].name)) {
                matchingClass[i] = true;
                anyClass = true;
            }
        }
        LongHashSet loadOnlyIds = new LongHashSet();
        for (var entry : classNameIds) {
            if (classIndexById.getOrDefault(entry.key, -1) < 0) {
                String raw = strings.get(entry.value);
                if (raw != null && typeNames.contains(JavaNames.binaryName(raw))) {
                    loadOnlyIds.add(entry.key);
                }
            }
        }
        boolean[] primitiveTypes = new boolean[BasicType.LONG + 1];
        boolean anyPrimitive = false;
        for (int t = BasicType.BOOLEAN; t <= BasicType.LONG; t++) {
            primitiveTypes[t] = typeNames.contains(BasicType.javaName(t) + "[]");
            anyPrimitive |= primitiveTypes[t];
        }
        boolean classObjects = typeNames.contains("java.lang.Class");
        if (!anyClass && loadOnlyIds.isEmpty() && !anyPrimitive && !classObjects) {
            return new int[0];
        }
        int[] found = new int[16];
        int count = 0;
        for (int i = 0; i < objects.count(); i++) {
            if ((i & 0xfffff) == 0) {
                cancel.check();
            }
            long entry = objects.entry(i);
            int ci = ObjectEntry.classOrType(entry);
            boolean match = switch (ObjectEntry.kind(entry)) {
                case ObjectEntry.INSTANCE -> ci != ObjectEntry.UNKNOWN_CLASS && matchingClass[ci];
                case ObjectEntry.OBJECT_ARRAY -> ci != ObjectEntry.UNKNOWN_CLASS ? matchingClass[ci]
                        : !loadOnlyIds.isEmpty()
                        && loadOnlyIds.contains(file.id(ObjectEntry.offset(entry) + 1 + idSize + 8, idSize));
                case ObjectEntry.PRIMITIVE_ARRAY -> ci >= 0 && ci < primitiveTypes.length && primitiveTypes[ci];
                default -> classObjects;
            };
            if (match) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /**
     * The dump's classes, the array classes it only names (Android writes a LOAD CLASS record but no
     * CLASS DUMP for them), the primitive arrays and {@code java.lang.Class}.
     */
    @Override
    public Set<String> typeNames() {
        Set<String> names = new HashSet<>();
        for (HprofClass c : classes) {
            names.add(c.name);
        }
        for (var entry : classNameIds) {
            String raw = strings.get(entry.value);
            if (raw != null) {
                names.add(JavaNames.binaryName(raw));
            }
        }
        for (int t = BasicType.BOOLEAN; t <= BasicType.LONG; t++) {
            names.add(BasicType.javaName(t) + "[]");
        }
        names.add("java.lang.Class");
        return names;
    }

    @Override
    public Map<String, Set<String>> supertypes() {
        Map<String, Set<String>> supertypes = new HashMap<>();
        for (HprofClass c : classes) {
            if (c.superIndex >= 0) {
                supertypes.computeIfAbsent(c.name, k -> new HashSet<>()).add(classes[c.superIndex].name);
            }
        }
        return supertypes;
    }

    @Override
    public long shallowSize(int object) {
        long entry = objects.entry(object);
        int ci = ObjectEntry.classOrType(entry);
        long off = ObjectEntry.offset(entry);
        return switch (ObjectEntry.kind(entry)) {
            case ObjectEntry.INSTANCE -> ci == ObjectEntry.UNKNOWN_CLASS
                    ? sizes.instance(new byte[0]) : classes[ci].instanceShallowSize;
            case ObjectEntry.OBJECT_ARRAY -> sizes.objectArray(file.u4Unchecked(off + 1 + idSize + 4));
            case ObjectEntry.PRIMITIVE_ARRAY -> sizes.primitiveArray(ci, file.u4Unchecked(off + 1 + idSize + 4));
            default -> sizes.classObject(classInstanceSize, classes[ci].staticRefValues.length,
                    classes[ci].staticPrimitiveBytes);
        };
    }

    private static final int PRIMITIVE_TYPES = 12;

    /**
     * Classes by index, then {@code java.lang.Class}, the primitive array types by basic type, and classes
     * that objects name but the dump does not describe, in the order of their first object.
     */
    @Override
    public int typeId(int object) {
        long entry = objects.entry(object);
        int ci = ObjectEntry.classOrType(entry);
        return switch (ObjectEntry.kind(entry)) {
            case ObjectEntry.INSTANCE, ObjectEntry.OBJECT_ARRAY -> ci != ObjectEntry.UNKNOWN_CLASS ? ci
                    : extraType(file.id(ObjectEntry.offset(entry) + 1 + idSize
                            + (ObjectEntry.kind(entry) == ObjectEntry.INSTANCE ? 4 : 8), idSize));
            case ObjectEntry.PRIMITIVE_ARRAY -> classes.length + 1 + ci;
            default -> classes.length;
        };
    }

    private int extraType(long classId) {
        int at = extraTypes.indexOf(classId);
        if (!extraTypes.indexExists(at)) {
            throw new IllegalStateException("class 0x" + Long.toHexString(classId) + " was not numbered at open");
        }
        return extraTypes.indexGet(at);
    }

    /**
     * Gives each class that objects name but the dump does not describe (Android's array classes) its type id,
     * in object order, once: {@link #typeId} then only reads, so two threads may ask it at once, and the
     * numbering is the same on every run.
     */
    private void numberUndescribedClasses() {
        for (int i = 0; i < objects.count(); i++) {
            long entry = objects.entry(i);
            int kind = ObjectEntry.kind(entry);
            if (ObjectEntry.classOrType(entry) == ObjectEntry.UNKNOWN_CLASS
                    && (kind == ObjectEntry.INSTANCE || kind == ObjectEntry.OBJECT_ARRAY)) {
                long classId = file.id(ObjectEntry.offset(entry) + 1 + idSize
                        + (kind == ObjectEntry.INSTANCE ? 4 : 8), idSize);
                if (!extraTypes.containsKey(classId)) {
                    extraTypes.put(classId, classes.length + 1 + PRIMITIVE_TYPES + extraTypes.size());
                }
            }
        }
    }

    @Override
    public int typeCount() {
        return classes.length + 1 + PRIMITIVE_TYPES + extraTypes.size();
    }

    @Override
    public boolean isNamespace(int object) {
        long entry = objects.entry(object);
        int ci = ObjectEntry.classOrType(entry);
        return switch (ObjectEntry.kind(entry)) {
            case ObjectEntry.CLASS -> true;
            case ObjectEntry.INSTANCE -> ci != ObjectEntry.UNKNOWN_CLASS && classes[ci].isClassLoader;
            default -> false;
        };
    }

    // --- Roots and their descriptions -----------------------------------------------------------

    @Override
    public RootInfo rootInfo(int root) {
        RootKind kind = roots.kind(root);
        int object = rootObjects[root];
        String description = switch (kind) {
            case JAVA_FRAME, JNI_LOCAL -> kind.meaning + " in " + thread(roots.thread(root))
                    + frameSuffix(roots.thread(root), roots.frame(root));
            case NATIVE_STACK, THREAD_BLOCK, JNI_MONITOR ->
                    kind.meaning + " in " + thread(roots.thread(root));
            case THREAD_OBJECT -> object >= 0 && isThread(object)
                    ? "Thread \"" + threadNameOf(object) + "\""
                    : "Thread " + thread(roots.thread(root));
            case STICKY_CLASS -> object >= 0 && objectName(object) != null
                    ? "Class " + objectName(object)
                    : kind.meaning;
            default -> kind.meaning + (object >= 0 ? " to " + describeObject(object) : "");
        };
        return new RootInfo(kind.name(), description);
    }

    private String describeObject(int object) {
        String name = objectName(object);
        return name == null ? typeName(object) : typeName(object) + " " + name;
    }

    private String thread(int serial) {
        long objectId = stacks.threadObject(serial);
        int object = objectId == 0 ? -1 : objects.indexOf(objectId);
        if (object >= 0 && isThread(object)) {
            return "thread \"" + threadNameOf(object) + "\"";
        }
        long nameId = stacks.threadNameId(serial);
        String name = nameId == 0 ? null : strings.get(nameId);
        return name != null ? "thread \"" + name + "\"" : "thread #" + serial;
    }

    private String frameSuffix(int threadSerial, int depth) {
        StackTable.Frame frame = stacks.frame(threadSerial, depth);
        if (frame == null) {
            return depth >= 0 ? " (frame " + depth + ")" : "";
        }
        long classId = stacks.classIdBySerial(frame.classSerial());
        String cls = classId == 0 ? "?" : className(classId);
        String method = strings.getOrPlaceholder(frame.methodNameId());
        String file = frame.sourceFileId() == 0 ? null : strings.get(frame.sourceFileId());
        String where = switch (frame.line()) {
            case -2 -> "compiled method";
            case -3 -> "native method";
            default -> file == null ? "unknown source"
                    : frame.line() > 0 ? file + ":" + frame.line() : file;
        };
        return " at " + cls + "." + method + "(" + where + ")";
    }

    // --- Reading instance fields (names, strings) -----------------------------------------------

    private String className(long classId) {
        int ci = classIndexById.getOrDefault(classId, -1);
        if (ci >= 0) {
            return classes[ci].name;
        }
        long nameId = classNameIds.getOrDefault(classId, 0L);
        String raw = nameId == 0 ? null : strings.get(nameId);
        return raw == null ? "unknown class 0x" + Long.toHexString(classId) : JavaNames.binaryName(raw);
    }

    private HprofClass classOfInstance(int object) {
        long entry = objects.entry(object);
        int ci = ObjectEntry.classOrType(entry);
        return ObjectEntry.kind(entry) != ObjectEntry.INSTANCE || ci == ObjectEntry.UNKNOWN_CLASS ? null : classes[ci];
    }

    private boolean isThread(int object) {
        HprofClass c = classOfInstance(object);
        while (c != null) {
            if (c.name.equals("java.lang.Thread")) {
                return true;
            }
            c = c.superIndex < 0 ? null : classes[c.superIndex];
        }
        return false;
    }

    private String threadNameOf(int thread) {
        long nameId = fieldValue(thread, "name");
        int name = nameId == 0 ? -1 : objects.indexOf(nameId);
        if (name < 0) {
            return "?";
        }
        // JDK 5 to 8 keep a thread's name as a char[]; later JDKs and Android as a String.
        String decoded = file.u1(objects.offset(name)) == HprofTags.PRIMITIVE_ARRAY_DUMP
                ? decodeChars(name, 0, Long.MAX_VALUE)
                : decodeString(name);
        return decoded == null ? "?" : decoded;
    }

    /** The raw value of an instance field (an id for references), or 0 when absent. */
    private long fieldValue(int object, String field) {
        HprofClass c = classOfInstance(object);
        if (c == null) {
            return 0;
        }
        int position = c.layoutPosition(field, strings);
        if (position < 0) {
            return 0;
        }
        long off = objects.offset(object);
        long data = off + 1 + idSize + 4 + idSize + 4;
        int at = c.layoutOffsets[position];
        return switch (c.layoutTypes[position]) {
            case BasicType.OBJECT -> file.id(data + at, idSize);
            case BasicType.BOOLEAN, BasicType.BYTE -> file.u1(data + at);
            case BasicType.CHAR, BasicType.SHORT -> file.u2(data + at);
            case BasicType.INT, BasicType.FLOAT -> file.i4(data + at);
            default -> file.u8(data + at);
        };
    }

    /** A java.lang.String's text (JDK 6 offset/count, JDK 9+ coder, Android), cut to a readable length. */
    private String decodeString(int string) {
        long valueId = fieldValue(string, "value");
        int value = valueId == 0 ? -1 : objects.indexOf(valueId);
        if (value < 0) {
            return null;
        }
        long off = objects.offset(value);
        if (file.u1(off) != HprofTags.PRIMITIVE_ARRAY_DUMP) {
            return null;
        }
        long length = file.u4(off + 1 + idSize + 4);
        int type = file.u1(off + 1 + idSize + 8);
        long data = off + 1 + idSize + 9;
        HprofClass stringClass = classOfInstance(string);
        boolean hasCount = stringClass != null && stringClass.layoutPosition("count", strings) >= 0
                && stringClass.layoutPosition("offset", strings) >= 0;
        long start = hasCount ? fieldValue(string, "offset") : 0;
        long count = hasCount ? fieldValue(string, "count") : length;
        if (start < 0 || count < 0 || start + count > length) {
            start = 0;
            count = length;
        }
        if (type == BasicType.CHAR) {
            return decodeChars(value, start, count);
        }
        if (type == BasicType.BYTE) {
            boolean utf16 = fieldValue(string, "coder") == 1;
            int n = (int) Math.min(count, utf16 ? 2 * MAX_SHOWN_STRING : MAX_SHOWN_STRING);
            byte[] bytes = file.bytes(data + start, n);
            // JDK 9+ stores UTF-16 strings in the platform's byte order; dumps come from little-endian machines.
            return new String(bytes, utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /** Up to {@code count} chars of a char[] from {@code start}, cut to a readable length. */
    private String decodeChars(int array, long start, long count) {
        long off = objects.offset(array);
        if (file.u1(off + 1 + idSize + 8) != BasicType.CHAR) {
            return null;
        }
        long length = file.u4(off + 1 + idSize + 4);
        long data = off + 1 + idSize + 9;
        int n = (int) Math.min(Math.min(count, length - start), MAX_SHOWN_STRING);
        char[] chars = new char[Math.max(n, 0)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) file.u2(data + 2 * (start + i));
        }
        return new String(chars);
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
