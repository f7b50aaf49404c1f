package dev.casebook.core.heap.path;

import com.carrotsearch.hppc.IntIntHashMap;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns parent links into what a person reads: chains for a few instances and groups for all of them.
 *
 * <p>A group's shape is the chain's sequence of {@code type edge} (a class object shown by its class's
 * name, array indices as {@code [*]}), ending in the target's type. Shapes are built once per object on
 * any chain and shared by every target below it, so 50,000 instances under one array cost one walk each
 * up to the first object already seen. Runs of equal steps fold into one (see {@link #extended}). Groups are ordered by count, then shape; the chains listed are
 * one per group in that order (the shortest instance of each, lowest id first), then the shortest of the
 * rest, so the first chains show the different ways the instances are held.
 */
final class ChainReporter {

    static final String REPEATED = " (repeated)";

    private final HeapGraph graph;
    private final ShortestPaths paths;
    private final CancelSignal cancel;
    /** Object -> id of the shape of the chain that ends at it. */
    private final IntIntHashMap shapeOf = new IntIntHashMap();
    private final List<List<String>> shapes = new ArrayList<>();
    private final Map<List<String>, Integer> shapeIds = new HashMap<>();
    private final Map<Integer, String> labels = new HashMap<>();

    ChainReporter(HeapGraph graph, ShortestPaths paths, CancelSignal cancel) {
        this.graph = graph;
        this.paths = paths;
        this.cancel = cancel;
    }

    TargetResult report(TargetQuery query, int[] instances, long[] weaklyReachable, int maxChains) {
        int reachable = 0;
        int weak = 0;
        Map<Integer, List<Integer>> byShape = new LinkedHashMap<>();
        Map<Integer, Integer> depth = new HashMap<>();
        for (int i = 0; i < instances.length; i++) {
            int object = instances[i];
            if ((i & 0xfff) == 0) {
                cancel.check();
            }
            if (!paths.reached(object)) {
                if (weaklyReachable != null && ShortestPaths.isSet(weaklyReachable, object)) {
                    weak++;
                }
                continue;
            }
            reachable++;
            int shape = shapeEndingAt(object);
            byShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(object);
            depth.put(object, shapes.get(shape).size());
        }
        int unreachable = instances.length - reachable - weak;
        if (weaklyReachable == null) {
            // Every instance was reached, or weak references were allowed: nothing is "only weakly" held.
            unreachable = instances.length - reachable;
            weak = 0;
        }
        List<Map.Entry<Integer, List<Integer>>> ordered = new ArrayList<>(byShape.entrySet());
        ordered.sort(Comparator.<Map.Entry<Integer, List<Integer>>>comparingInt(e -> -e.getValue().size())
                .thenComparing(e -> String.join("\n", shapes.get(e.getKey()))));
        List<PathGroup> groups = new ArrayList<>();
        for (var entry : ordered) {
            groups.add(new PathGroup(shapes.get(entry.getKey()), entry.getValue().size()));
        }
        return new TargetResult(query, instances.length, reachable, weak, unreachable,
                chains(ordered, depth, maxChains), groups);
    }

    private List<Chain> chains(List<Map.Entry<Integer, List<Integer>>> groups, Map<Integer, Integer> depth, int max) {
        Comparator<Integer> shortestFirst = Comparator.<Integer>comparingInt(depth::get)
                .thenComparingLong(graph::objectId);
        List<Integer> chosen = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (var group : groups) {
            List<Integer> members = new ArrayList<>(group.getValue());
            members.sort(shortestFirst);
            chosen.add(members.get(0));
            rest.addAll(members.subList(1, members.size()));
        }
        if (chosen.size() > max) {
            chosen = new ArrayList<>(chosen.subList(0, max));
        } else if (chosen.size() < max) {
            rest.sort(shortestFirst);
            chosen.addAll(rest.subList(0, Math.min(rest.size(), max - chosen.size())));
        }
        List<Chain> chains = new ArrayList<>();
        for (int target : chosen) {
            chains.add(chain(target));
        }
        return chains;
    }

    Chain chain(int target) {
        List<Step> reversed = new ArrayList<>();
        int object = target;
        String edge = null;
        while (true) {
            reversed.add(new Step(graph.objectId(object), graph.typeName(object), graph.objectName(object), edge));
            if (paths.isRoot(object)) {
                break;
            }
            int parent = paths.parent(object);
            edge = graph.edgeLabel(parent, paths.slot(object));
            object = parent;
        }
        List<Step> path = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            path.add(reversed.get(i));
        }
        return new Chain(graph.rootInfo(paths.rootRecord(object)), path);
    }

    /** The id of the shape of the chain from a root to {@code object}, built iteratively and memoised. */
    private int shapeEndingAt(int object) {
        int memo = shapeOf.getOrDefault(object, -1);
        if (memo >= 0) {
            return memo;
        }
        // Walk up to the root, or to the first object whose prefix (the steps above it) is known.
        List<Integer> upward = new ArrayList<>();
        int cursor = object;
        List<String> prefix;
        while (true) {
            upward.add(cursor);
            int known = prefixMemo(cursor);
            if (known >= 0) {
                prefix = shapes.get(known);
                break;
            }
            if (paths.isRoot(cursor)) {
                prefix = List.of();
                break;
            }
            cursor = paths.parent(cursor);
        }
        for (int i = upward.size() - 1; i > 0; i--) {
            int node = upward.get(i);
            int child = upward.get(i - 1);
            prefix = extended(prefix, nodeLabel(node) + " " + graph.edgeShape(node, paths.slot(child)));
            shapeOf.put(-2 - child, intern(prefix));
        }
        List<String> full = new ArrayList<>(prefix);
        full.add(nodeLabel(object));
        int id = intern(full);
        shapeOf.put(object, id);
        return id;
    }

    /**
     * The prefix with one more step. A step equal to the one before it (the next node of a linked list,
     * the parent of a tree node) folds into that one, marked {@code (repeated)}: every element of a long
     * list then shares one group, and shapes stay short however deep the structure.
     */
    private static List<String> extended(List<String> prefix, String step) {
        String repeated = step + REPEATED;
        if (!prefix.isEmpty()) {
            String last = prefix.get(prefix.size() - 1);
            if (last.equals(repeated)) {
                return prefix;
            }
            if (last.equals(step)) {
                List<String> folded = new ArrayList<>(prefix);
                folded.set(folded.size() - 1, repeated);
                return folded;
            }
        }
        List<String> next = new ArrayList<>(prefix.size() + 1);
        next.addAll(prefix);
        next.add(step);
        return next;
    }

    private int prefixMemo(int object) {
        return shapeOf.getOrDefault(-2 - object, -1);
    }

    private String nodeLabel(int object) {
        return labels.computeIfAbsent(object, o -> {
            String type = graph.typeName(o);
            String name = graph.objectName(o);
            return type.equals("java.lang.Class") && name != null ? name : type;
        });
    }

    private int intern(List<String> shape) {
        Integer id = shapeIds.get(shape);
        if (id != null) {
            return id;
        }
        List<String> copy = List.copyOf(shape);
        shapes.add(copy);
        shapeIds.put(copy, shapes.size() - 1);
        return shapes.size() - 1;
    }
}
