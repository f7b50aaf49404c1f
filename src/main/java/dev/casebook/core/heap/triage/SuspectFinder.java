package dev.casebook.core.heap.triage;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntObjectHashMap;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.graph.HeapGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where memory piles up, as Eclipse MAT's leak suspects find it. From the super-root, every object that
 * retains at least the threshold is visited; namespaces (classes, class loaders, modules) are passed
 * through, since they hold everything their code reaches. The first other object is the <em>holder</em>;
 * from it the search descends into the largest child while that child keeps at least
 * {@link #ACCUMULATION_SHARE} of its parent, and stops at the <em>accumulation point</em>. A type whose
 * instances directly below the super-root or a namespace together pass the threshold, while none does
 * alone, is a suspect too (many small objects, each held from a root or a static field).
 */
final class SuspectFinder {

    static final double ACCUMULATION_SHARE = 0.7;

    /** An object suspect ({@code holder}, {@code accumulation}) or a type suspect ({@code type}, its instances). */
    record Candidate(int holder, int accumulation, int type, int[] instances, long retainedBytes, long retainedObjects) {
        boolean isType() {
            return holder < 0;
        }

        /** The object the suspect's chain leads to. */
        int chainTarget() {
            return isType() ? instances[0] : accumulation;
        }
    }

    private SuspectFinder() {
    }

    static List<Candidate> find(HeapGraph graph, DominatorTree tree, long threshold) {
        List<Candidate> found = new ArrayList<>();
        IntObjectHashMap<IntArrayList> smallByType = new IntObjectHashMap<>();
        IntArrayList namespaces = new IntArrayList();
        namespaces.add(DominatorTree.SUPER_ROOT);
        for (int i = 0; i < namespaces.size(); i++) {
            tree.forEachChild(namespaces.get(i), child -> {
                if (tree.retainedBytes(child) < threshold) {
                    if (!graph.isNamespace(child)) {
                        IntArrayList list = smallByType.get(graph.typeId(child));
                        if (list == null) {
                            list = new IntArrayList();
                            smallByType.put(graph.typeId(child), list);
                        }
                        list.add(child);
                    }
                } else if (graph.isNamespace(child) || leadsToNamespace(graph, tree, child, threshold)) {
                    namespaces.add(child);
                } else {
                    int accumulation = accumulationPoint(tree, child);
                    found.add(new Candidate(child, accumulation, -1, null, tree.retainedBytes(child),
                            tree.retainedObjects(child)));
                }
            });
        }
        for (var entry : smallByType) {
            long bytes = 0;
            long objects = 0;
            int[] members = entry.value.toArray();
            for (int m : members) {
                bytes += tree.retainedBytes(m);
                objects += tree.retainedObjects(m);
            }
            if (bytes >= threshold) {
                // The largest instance first: the chain leads to it.
                Integer[] boxed = java.util.Arrays.stream(members).boxed().toArray(Integer[]::new);
                java.util.Arrays.sort(boxed, Comparator.comparingLong((Integer m) -> tree.retainedBytes(m)).reversed()
                        .thenComparingInt(m -> m));
                found.add(new Candidate(-1, -1, entry.key, java.util.Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(),
                        bytes, objects));
            }
        }
        found.sort(Comparator.comparingLong(Candidate::retainedBytes).reversed()
                .thenComparingInt(Candidate::chainTarget));
        return found;
    }

    /**
     * Whether a namespace retains at least the threshold somewhere below {@code object}: then the object is
     * a namespace's own bookkeeping (a class loader's list of its classes, {@code sys.modules}) and is passed
     * through like one. Only nodes above the threshold are visited, so each is visited once in all.
     */
    static boolean leadsToNamespace(HeapGraph graph, DominatorTree tree, int object, long threshold) {
        IntArrayList pending = new IntArrayList();
        pending.add(object);
        boolean[] found = {false};
        while (!pending.isEmpty() && !found[0]) {
            int node = pending.removeAt(pending.size() - 1);
            tree.forEachChild(node, c -> {
                if (tree.retainedBytes(c) >= threshold) {
                    if (graph.isNamespace(c)) {
                        found[0] = true;
                    } else {
                        pending.add(c);
                    }
                }
            });
        }
        return found[0];
    }

    /** Down the largest child while it keeps most of its parent's retained size. */
    static int accumulationPoint(DominatorTree tree, int holder) {
        int point = holder;
        while (true) {
            int[] largest = {-1};
            tree.forEachChild(point, c -> {
                if (largest[0] < 0 || tree.retainedBytes(c) > tree.retainedBytes(largest[0])) {
                    largest[0] = c;
                }
            });
            if (largest[0] < 0 || tree.retainedBytes(largest[0]) < ACCUMULATION_SHARE * tree.retainedBytes(point)) {
                return point;
            }
            point = largest[0];
        }
    }
}
