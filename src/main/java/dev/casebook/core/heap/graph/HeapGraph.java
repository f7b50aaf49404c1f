package dev.casebook.core.heap.graph;

import java.util.Map;
import java.util.Set;

/**
 * What the path finder sees of a heap dump, whatever its format: objects numbered
 * {@code 0..objectCount()-1}, their outgoing references, and the roots.
 *
 * <p>A reference is reported as a <em>slot</em> of its owner: a field ordinal, an array index, a
 * static field ordinal or a format-specific number. The finder keeps only a parent per object; the
 * graph finds the slot again, and its label, for the few objects on a reported chain.
 *
 * <p><b>Threads.</b> A graph is read by at most two threads at once (an analysis searches on a second core
 * while the first computes dominators). Every method is safe for that, except that {@link #forEachReference}
 * keeps bookkeeping and belongs to one of them; the other reads references with
 * {@link #forEachReferenceReadOnly}.
 */
public interface HeapGraph {

    int objectCount();

    /** The number of root records (an object may be named by several). */
    int rootCount();

    /** The object that root record {@code root} names, or -1 when it names no object in the dump. */
    int rootObject(int root);

    /** Whether root record {@code root} holds its object strongly (Android's ROOT_UNREACHABLE does not). */
    boolean rootHoldsStrongly(int root);

    RootInfo rootInfo(int root);

    /**
     * The root as the first step of a group's shape: its kind and what it names (the class, the thread and
     * frame, the module), without anything that differs between the objects one root kind holds (CPython's
     * reference counts), so that instances held alike share a group and instances held differently do not.
     */
    default String rootShape(int root) {
        RootInfo info = rootInfo(root);
        return info.kind() + ": " + info.description();
    }

    /**
     * Whether root record {@code root} is only a chain of its own: its object is reported as held, but
     * the search does not go on from it (CPython's immortal objects and untracked objects held from C).
     */
    default boolean rootIsTerminal(int root) {
        return false;
    }

    /**
     * Calls {@code visitor} for each reference from {@code object} to an object in the dump, in a fixed
     * order. References to ids missing from the dump are skipped and counted in
     * {@link #danglingReferences()}.
     */
    void forEachReference(int object, ReferenceVisitor visitor);

    /**
     * The same references as {@link #forEachReference}, without counting missing ids: safe beside another
     * thread's {@link #forEachReference}. The count stays exact: it is the dump's, and
     * {@link #danglingReferences()} finishes it by reading whatever no counting visit read.
     */
    default void forEachReferenceReadOnly(int object, ReferenceVisitor visitor) {
        forEachReference(object, visitor);
    }

    /**
     * An upper bound on the references {@link #forEachReference} reports over all objects (each slot that may
     * hold one), without visiting them: what memory planning needs.
     */
    long referenceSlots();

    /** References in the dump that name an id it does not hold, each counted once, however often it was read. */
    long danglingReferences();

    /** The object's id as the dump writes it (an address). */
    long objectId(int object);

    /** The object's type: a class's binary name, {@code java.lang.Object[]}, {@code int[]}, a Python type. */
    String typeName(int object);

    /** A name for objects that have one worth showing (a class object's class name), else null. */
    String objectName(int object);

    /**
     * The label of the first reference from {@code from} to {@code to} that the search could follow
     * (a strong one unless {@code includeWeak}): {@code table}, {@code [12]}, {@code static ROOMS}.
     */
    String edgeLabel(int from, int to, boolean includeWeak);

    /** The label for merging chains by shape: like {@link #edgeLabel} but any array index as {@code [*]}. */
    String edgeShape(int from, int to, boolean includeWeak);

    /**
     * The object's own size in bytes as the runtime lays it out (HPROF: header, fields or elements and
     * alignment, see {@code ShallowSizes}; CPython: the snapshot's {@code size}).
     */
    long shallowSize(int object);

    /**
     * A dense number for the object's type, below {@link #typeCount()}: objects with equal numbers have
     * equal {@link #typeName}s. Histograms count by it.
     */
    int typeId(int object);

    int typeCount();

    /**
     * Whether the object only holds what code reaches (a class, a class loader, a module or its namespace),
     * so that naming it as the owner of a pile of memory tells nobody anything.
     */
    boolean isNamespace(int object);

    /** The object with this id, or -1. */
    int indexOf(long objectId);

    /**
     * A number standing for the step {@code from -> to} as a chain's shape shows it ({@code from}'s label
     * and {@link #edgeShape}): equal numbers mean equal steps. -1 when the graph has no such numbers; the
     * reporter then builds the step's text each time. With it, thousands of chains through one kind of
     * edge cost a lookup each instead of the same text built thousands of times.
     */
    default long stepKey(int from, int to, boolean includeWeak) {
        return -1;
    }

    /**
     * {@link #stepKey} for the reference {@link #forEachReference} reported as {@code slot} of {@code from}
     * (to {@code to}): the same number, without finding the slot again, which a search that gives every
     * object its shape as it goes cannot afford. -1 when the graph has no such numbers.
     */
    default long stepKeyAt(int from, int slot, int to, boolean includeWeak) {
        return stepKey(from, to, includeWeak);
    }

    /** Every instance whose type is exactly one of {@code typeNames} (as {@link #typeName} writes them), ascending. */
    int[] instancesOf(Set<String> typeNames, CancelSignal cancel);

    /** Every type name the dump knows, whether or not it has instances: the names {@link #instancesOf} takes. */
    Set<String> typeNames();

    /**
     * Each type's direct supertypes as the dump records them (one, or several when classes of one name
     * from different class loaders extend different classes); types the dump says nothing about are absent.
     */
    Map<String, Set<String>> supertypes();

    /** Receives one reference. */
    @FunctionalInterface
    interface ReferenceVisitor {
        /**
         * @param slot   which reference of the owner this is
         * @param target the referenced object
         * @param weak   whether the reference does not keep its target alive (weak, soft, phantom, finalizer)
         */
        void reference(int slot, int target, boolean weak);
    }
}
