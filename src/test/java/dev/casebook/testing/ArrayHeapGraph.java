package dev.casebook.testing;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.RootInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A heap graph written out by a test: objects with sizes and types, references (optionally weak) and
 * roots. Object {@code i} has id {@code 0x1000 + 16 i}.
 */
public final class ArrayHeapGraph implements HeapGraph {

    private final long[] sizes;
    private final int[] types;
    private final List<int[]> refs = new ArrayList<>();
    private final List<boolean[]> weak = new ArrayList<>();
    private final int[] roots;
    private final boolean[] namespace;

    public ArrayHeapGraph(long[] sizes, int[] types, int[][] references, boolean[][] weakness, int[] roots) {
        this.sizes = sizes.clone();
        this.types = types.clone();
        for (int i = 0; i < sizes.length; i++) {
            refs.add(references[i].clone());
            weak.add(weakness == null ? new boolean[references[i].length] : weakness[i].clone());
        }
        this.roots = roots.clone();
        this.namespace = new boolean[sizes.length];
    }

    /** Every object of size 1 and type 0, strong references only. */
    public static ArrayHeapGraph of(int[][] references, int... roots) {
        long[] sizes = new long[references.length];
        Arrays.fill(sizes, 1);
        return new ArrayHeapGraph(sizes, new int[references.length], references, null, roots);
    }

    public ArrayHeapGraph namespace(int object) {
        namespace[object] = true;
        return this;
    }

    @Override
    public int objectCount() {
        return sizes.length;
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
    public RootInfo rootInfo(int root) {
        return new RootInfo("TEST", "root " + root);
    }

    @Override
    public void forEachReference(int object, ReferenceVisitor visitor) {
        int[] r = refs.get(object);
        for (int k = 0; k < r.length; k++) {
            visitor.reference(k, r[k], weak.get(object)[k]);
        }
    }

    @Override
    public long referenceSlots() {
        return refs.stream().mapToLong(r -> r.length).sum();
    }

    @Override
    public long danglingReferences() {
        return 0;
    }

    @Override
    public long objectId(int object) {
        return 0x1000 + 16L * object;
    }

    @Override
    public String typeName(int object) {
        return "T" + types[object];
    }

    @Override
    public String objectName(int object) {
        return null;
    }

    @Override
    public String edgeLabel(int from, int to, boolean includeWeak) {
        int[] r = refs.get(from);
        for (int k = 0; k < r.length; k++) {
            if (r[k] == to && (includeWeak || !weak.get(from)[k])) {
                return "f" + k;
            }
        }
        return "?";
    }

    @Override
    public String edgeShape(int from, int to, boolean includeWeak) {
        return edgeLabel(from, to, includeWeak);
    }

    @Override
    public long shallowSize(int object) {
        return sizes[object];
    }

    @Override
    public int typeId(int object) {
        return types[object];
    }

    @Override
    public int typeCount() {
        return Arrays.stream(types).max().orElse(-1) + 1;
    }

    @Override
    public boolean isNamespace(int object) {
        return namespace[object];
    }

    @Override
    public int indexOf(long objectId) {
        long i = (objectId - 0x1000) / 16;
        return objectId >= 0x1000 && (objectId - 0x1000) % 16 == 0 && i < sizes.length ? (int) i : -1;
    }

    @Override
    public int[] instancesOf(Set<String> typeNames, CancelSignal cancel) {
        return IntStream.range(0, sizes.length).filter(i -> typeNames.contains(typeName(i))).toArray();
    }

    @Override
    public Set<String> typeNames() {
        return IntStream.range(0, sizes.length).mapToObj(this::typeName)
                .collect(Collectors.toSet());
    }

    @Override
    public Map<String, Set<String>> supertypes() {
        return Map.of();
    }
}
