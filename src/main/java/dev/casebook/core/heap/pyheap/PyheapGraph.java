package dev.casebook.core.heap.pyheap;

import com.carrotsearch.hppc.LongIntHashMap;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.RootInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CPython snapshot as a {@link HeapGraph}: objects in file order, references as int arrays (CSR),
 * and the seed's implicit roots. CPython has no explicit roots: an object whose corrected refcount is
 * higher than the references tracked objects hold to it ({@code GCRefs > 0}) is held from outside the
 * tracked graph (C code, the interpreter, a running frame) and is a root. Chains start from tracked,
 * non-immortal roots; a target that is a root of any kind is its own chain.
 */
public final class PyheapGraph implements HeapGraph {

    private final long[] addresses;
    private final int[] typeIds;
    private final List<String> types;
    private final String[] names;
    private final long[] refcnts;
    private final long[] sizes;
    /** Modules, types and the namespace dicts they hold as {@code __dict__}. */
    private final boolean[] namespace;
    /** Dicts whose keys are names (namespaces, attribute dicts), kept in group shapes; other dicts' keys are data. */
    private final boolean[] namesKeys;
    private final int[] refStart;
    private final int[] refTargets;
    private final int[] refLabels;
    private final List<String> labels;
    private final int[] inbound;
    private final int[] roots;
    private final int searchedRoots;
    private final boolean[] immortal;
    private final LongIntHashMap indexByAddress;
    private final ThreadLocals locals;
    private final long[] targets;
    private final List<String> warnings;
    private final boolean complete;

    PyheapGraph(long[] addresses, int[] typeIds, List<String> types, String[] names, long[] refcnts, long[] sizes,
            boolean[] tracked,
            boolean[] immortal, int[] refStart, int[] refTargets, int[] refLabels, List<String> labels,
            LongIntHashMap indexByAddress, ThreadLocals locals, long[] targets, List<String> warnings, boolean complete) {
        this.addresses = addresses;
        this.typeIds = typeIds;
        this.types = types;
        this.names = names;
        this.refcnts = refcnts;
        this.sizes = sizes;
        this.refStart = refStart;
        this.refTargets = refTargets;
        this.refLabels = refLabels;
        this.labels = labels;
        this.indexByAddress = indexByAddress;
        this.locals = locals;
        this.targets = targets;
        this.warnings = warnings;
        this.complete = complete;
        int n = addresses.length;
        this.inbound = new int[n];
        for (int t : refTargets) {
            if (t >= 0) {
                inbound[t]++;
            }
        }
        // Searched roots first (tracked, not immortal, held from outside), then the terminal ones: immortal
        // objects, and untracked objects held from outside (a string kept by C code), which are their own chain.
        int[] found = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (tracked[i] && !immortal[i] && refcnts[i] - inbound[i] > 0) {
                found[count++] = i;
            }
        }
        this.searchedRoots = count;
        for (int i = 0; i < n; i++) {
            if (immortal[i] || (!tracked[i] && refcnts[i] - inbound[i] > 0)) {
                found[count++] = i;
            }
        }
        this.roots = Arrays.copyOf(found, count);
        this.immortal = immortal;
        this.namespace = namespaces();
        this.namesKeys = dictsOfNames();
    }

    /**
     * Dicts whose keys are names rather than data: namespaces (a module's globals, a class's {@code __dict__})
     * and an instance's attribute dict, which its owner holds as {@code .__dict__} or, unlabelled, as the one
     * dict a plain object (not a container) refers to without a name.
     */
    private boolean[] dictsOfNames() {
        boolean[] result = namespace.clone();
        for (int i = 0; i < addresses.length; i++) {
            String type = types.get(typeIds[i]);
            if (CONTAINERS.contains(type)) {
                continue;
            }
            for (int k = refStart[i]; k < refStart[i + 1]; k++) {
                int target = refTargets[k];
                if (target >= 0 && types.get(typeIds[target]).equals("dict")
                        && (refLabels[k] < 0 || labels.get(refLabels[k]).equals(".__dict__"))) {
                    result[target] = true;
                }
            }
        }
        return result;
    }

    private static final java.util.Set<String> CONTAINERS = java.util.Set.of("dict", "list", "tuple", "set", "frozenset");

    private boolean[] namespaces() {
        boolean[] result = new boolean[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            String type = types.get(typeIds[i]);
            if (type.equals("module") || type.equals("type")) {
                result[i] = true;
                for (int k = refStart[i]; k < refStart[i + 1]; k++) {
                    int target = refTargets[k];
                    if (target >= 0 && refLabels[k] >= 0 && labels.get(refLabels[k]).equals(".__dict__")) {
                        result[target] = true;
                        // A namespace dict is named for its owner, so that a chain through it reads as one.
                        if (names[target] == null && names[i] != null && types.get(typeIds[target]).equals("dict")) {
                            names[target] = (type.equals("module") ? "globals of module " : "namespace of class ") + names[i];
                        }
                    }
                }
            }
        }
        return result;
    }

    @Override
    public long shallowSize(int object) {
        return sizes[object];
    }

    @Override
    public int typeId(int object) {
        return typeIds[object];
    }

    @Override
    public int typeCount() {
        return types.size();
    }

    @Override
    public boolean isNamespace(int object) {
        return namespace[object];
    }

    /** The addresses the snapshot's header names as targets. */
    public long[] headerTargets() {
        return targets.clone();
    }

    public List<String> warnings() {
        return warnings;
    }

    public boolean complete() {
        return complete;
    }

    /** References from outside the tracked graph: refcount minus references from dumped objects, at least 0. */
    public long gcRefs(int object) {
        return Math.max(0, refcnts[object] - inbound[object]);
    }

    @Override
    public int objectCount() {
        return addresses.length;
    }

    @Override
    public int rootCount() {
        return roots.length;
    }

    @Override
    public int rootObject(int root) {
        return roots[root];
    }

    @Override
    public boolean rootHoldsStrongly(int root) {
        return true;
    }

    @Override
    public boolean rootIsTerminal(int root) {
        return root >= searchedRoots;
    }

    @Override
    public RootInfo rootInfo(int root) {
        int object = roots[root];
        String held = heldAs(object);
        String numbers = immortal[object] ? "immortal, refcount " + refcnts[object]
                : "refcount " + refcnts[object] + ", references from tracked objects " + inbound[object]
                        + ", held from outside: " + gcRefs(object);
        return new RootInfo("IMPLICIT", held == null ? numbers : held + " (" + numbers + ")");
    }

    /** What the root names without its reference counts, which differ from one object to the next. */
    @Override
    public String rootShape(int root) {
        int object = roots[root];
        String held = heldAs(object);
        return "IMPLICIT: " + (held != null ? held : immortal[object] ? "immortal" : "held from outside the tracked objects");
    }

    /**
     * What a person knows a root object as: the running frame's local that holds it, a module's globals, the
     * module or class itself; null for an object with no name.
     */
    private String heldAs(int object) {
        String local = locals.describe(addresses[object]);
        if (local != null || names[object] == null) {
            return local;
        }
        return switch (types.get(typeIds[object])) {
            case "dict" -> names[object];
            case "module" -> "module " + names[object];
            case "type" -> "class " + names[object];
            case "function" -> "function " + names[object];
            default -> null;
        };
    }

    @Override
    public void forEachReference(int object, ReferenceVisitor visitor) {
        for (int k = refStart[object]; k < refStart[object + 1]; k++) {
            int target = refTargets[k];
            if (target >= 0) {
                visitor.reference(k - refStart[object], target, false);
            }
        }
    }

    @Override
    public long referenceSlots() {
        return refTargets.length;
    }

    @Override
    public long danglingReferences() {
        long missing = 0;
        for (int t : refTargets) {
            if (t < 0) {
                missing++;
            }
        }
        return missing;
    }

    @Override
    public long objectId(int object) {
        return addresses[object];
    }

    @Override
    public String typeName(int object) {
        return types.get(typeIds[object]);
    }

    @Override
    public String objectName(int object) {
        return names[object];
    }

    @Override
    public String edgeLabel(int from, int to, boolean includeWeak) {
        int k = slotOf(from, to);
        if (k < 0) {
            return "?";
        }
        return refLabels[k] >= 0 ? labels.get(refLabels[k]) : "<ref " + (k - refStart[from]) + ">";
    }

    /**
     * Any position of a list or tuple, and any key of a data dict, is {@code [*]}: a cache of 100,000 entries is
     * one group, not 100,000. A namespace keeps its names (a module's globals, a class's or an instance's
     * attributes), so that two globals stay two groups.
     */
    @Override
    public String edgeShape(int from, int to, boolean includeWeak) {
        String type = types.get(typeIds[from]);
        if (type.equals("list") || type.equals("tuple")) {
            return "[*]";  // any position: no need to find which one in a list of thousands
        }
        String label = edgeLabel(from, to, includeWeak);
        if (type.equals("dict") && !namesKeys[from] && label.startsWith("[")) {
            return "[*]";
        }
        return label.startsWith("<ref ") ? "<ref>" : label;
    }

    /**
     * Equal for equal steps as {@link #edgeShape} writes them: the parent's type, whether its keys are names,
     * and the reference's label, or "any element" for a list's or tuple's and a data dict's entries.
     */
    @Override
    public long stepKeyAt(int from, int slot, int to, boolean includeWeak) {
        int k = refStart[from] + slot;
        String type = types.get(typeIds[from]);
        long code;
        if (type.equals("list") || type.equals("tuple")) {
            code = ANY_ELEMENT;
        } else if (refLabels[k] < 0) {
            code = UNLABELLED;
        } else if (type.equals("dict") && !namesKeys[from] && labels.get(refLabels[k]).startsWith("[")) {
            code = ANY_ELEMENT;
        } else {
            code = refLabels[k];
        }
        return ((long) typeIds[from] << 34) | ((namesKeys[from] ? 1L : 0L) << 33) | code;
    }

    private static final long ANY_ELEMENT = 1L << 32;
    private static final long UNLABELLED = (1L << 32) + 1;

    /** A parent with many references gets a child -> slot table, built once: its children come in runs. */
    private static final int INDEXED_FROM = 32;
    private int indexedParent = -1;
    private final com.carrotsearch.hppc.IntIntHashMap slotByChild = new com.carrotsearch.hppc.IntIntHashMap();

    /**
     * The position in the reference columns of the first reference from {@code from} to {@code to}, or -1.
     * Synchronized for its table: two threads of one analysis may label steps at once.
     */
    private synchronized int slotOf(int from, int to) {
        int start = refStart[from];
        int end = refStart[from + 1];
        if (end - start < INDEXED_FROM) {
            for (int k = start; k < end; k++) {
                if (refTargets[k] == to) {
                    return k;
                }
            }
            return -1;
        }
        if (indexedParent != from) {
            slotByChild.clear();
            for (int k = end - 1; k >= start; k--) {
                if (refTargets[k] >= 0) {
                    slotByChild.put(refTargets[k], k);
                }
            }
            indexedParent = from;
        }
        return slotByChild.getOrDefault(to, -1);
    }

    @Override
    public int indexOf(long objectId) {
        return indexByAddress.getOrDefault(objectId, -1);
    }

    @Override
    public int[] instancesOf(Set<String> typeNames, CancelSignal cancel) {
        boolean[] matching = new boolean[types.size()];
        for (int t = 0; t < types.size(); t++) {
            matching[t] = typeNames.contains(types.get(t));
        }
        int[] found = new int[16];
        int count = 0;
        for (int i = 0; i < typeIds.length; i++) {
            if (matching[typeIds[i]]) {
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /**
     * The types of the snapshot's objects. A class without instances is left out: older writers name a
     * class by its bare qualname, which would shadow its instances' {@code module.QualName}.
     */
    @Override
    public Set<String> typeNames() {
        return new HashSet<>(types);
    }

    /**
     * Read from each class's {@code __mro__} tuple: every class after the first is a supertype (the
     * transitive ones too, which changes no subclass query's answer). Needs a writer that names classes
     * as their instances' type ({@code module.QualName}); older snapshots name only the qualname and
     * give no supertypes.
     */
    @Override
    public Map<String, Set<String>> supertypes() {
        Map<Integer, String> classNames = classNames();
        Map<String, Set<String>> supertypes = new HashMap<>();
        for (var entry : classNames.entrySet()) {
            int type = entry.getKey();
            for (int k = refStart[type]; k < refStart[type + 1]; k++) {
                int mro = refTargets[k];
                if (mro >= 0 && refLabels[k] >= 0 && labels.get(refLabels[k]).equals(".__mro__")) {
                    for (int m = refStart[mro] + 1; m < refStart[mro + 1]; m++) {
                        String base = refTargets[m] >= 0 ? classNames.get(refTargets[m]) : null;
                        if (base != null) {
                            supertypes.computeIfAbsent(entry.getValue(), n -> new HashSet<>()).add(base);
                        }
                    }
                }
            }
        }
        return supertypes;
    }

    /** Class objects by index, with their names: what a {@code __mro__} is made of. */
    private Map<Integer, String> classNames() {
        Map<Integer, String> classes = new HashMap<>();
        for (int i = 0; i < addresses.length; i++) {
            if (names[i] != null && hasMro(i)) {
                classes.put(i, names[i]);
            }
        }
        return classes;
    }

    private boolean hasMro(int object) {
        for (int k = refStart[object]; k < refStart[object + 1]; k++) {
            if (refLabels[k] >= 0 && labels.get(refLabels[k]).equals(".__mro__")) {
                return true;
            }
        }
        return false;
    }
}
