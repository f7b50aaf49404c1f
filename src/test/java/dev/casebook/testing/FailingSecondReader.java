package dev.casebook.testing;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.RootInfo;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A graph whose read-only reference reads (the second thread's, see {@link HeapGraph}) throw what
 * {@code failure} makes once, at the read after the first {@code reads}; everything else is the wrapped graph's.
 */
public final class FailingSecondReader implements HeapGraph {

    private final HeapGraph graph;
    private final int reads;
    private final Supplier<? extends Throwable> failure;
    private final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();

    public FailingSecondReader(HeapGraph graph, int reads, Supplier<? extends Throwable> failure) {
        this.graph = graph;
        this.reads = reads;
        this.failure = failure;
    }

    @Override
    public void forEachReferenceReadOnly(int object, ReferenceVisitor visitor) {
        if (done.incrementAndGet() == reads + 1) {
            Throwable t = failure.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) t;
        }
        graph.forEachReferenceReadOnly(object, visitor);
    }

    @Override
    public int objectCount() {
        return graph.objectCount();
    }

    @Override
    public int rootCount() {
        return graph.rootCount();
    }

    @Override
    public int rootObject(int root) {
        return graph.rootObject(root);
    }

    @Override
    public boolean rootHoldsStrongly(int root) {
        return graph.rootHoldsStrongly(root);
    }

    @Override
    public RootInfo rootInfo(int root) {
        return graph.rootInfo(root);
    }

    @Override
    public String rootShape(int root) {
        return graph.rootShape(root);
    }

    @Override
    public boolean rootIsTerminal(int root) {
        return graph.rootIsTerminal(root);
    }

    @Override
    public void forEachReference(int object, ReferenceVisitor visitor) {
        graph.forEachReference(object, visitor);
    }

    @Override
    public long referenceSlots() {
        return graph.referenceSlots();
    }

    @Override
    public long danglingReferences() {
        return graph.danglingReferences();
    }

    @Override
    public long objectId(int object) {
        return graph.objectId(object);
    }

    @Override
    public String typeName(int object) {
        return graph.typeName(object);
    }

    @Override
    public String objectName(int object) {
        return graph.objectName(object);
    }

    @Override
    public String edgeLabel(int from, int to, boolean includeWeak) {
        return graph.edgeLabel(from, to, includeWeak);
    }

    @Override
    public String edgeShape(int from, int to, boolean includeWeak) {
        return graph.edgeShape(from, to, includeWeak);
    }

    @Override
    public long shallowSize(int object) {
        return graph.shallowSize(object);
    }

    @Override
    public int typeId(int object) {
        return graph.typeId(object);
    }

    @Override
    public int typeCount() {
        return graph.typeCount();
    }

    @Override
    public boolean isNamespace(int object) {
        return graph.isNamespace(object);
    }

    @Override
    public int indexOf(long objectId) {
        return graph.indexOf(objectId);
    }

    @Override
    public long stepKey(int from, int to, boolean includeWeak) {
        return graph.stepKey(from, to, includeWeak);
    }

    @Override
    public long stepKeyAt(int from, int slot, int to, boolean includeWeak) {
        return graph.stepKeyAt(from, slot, to, includeWeak);
    }

    @Override
    public int[] instancesOf(Set<String> typeNames, CancelSignal cancel) {
        return graph.instancesOf(typeNames, cancel);
    }

    @Override
    public Set<String> typeNames() {
        return graph.typeNames();
    }

    @Override
    public Map<String, Set<String>> supertypes() {
        return graph.supertypes();
    }
}
