package dev.casebook.core.heap.path;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.IntIntHashMap;
import com.carrotsearch.hppc.IntObjectHashMap;
import com.carrotsearch.hppc.LongIntHashMap;
import dev.casebook.core.heap.dominator.DominatorTree;
import dev.casebook.core.heap.dominator.RetainedSet;
import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns parent links into what a person reads: chains for a few instances and groups for all of them.
 *
 * <p>A group's shape is the chain's root ({@code KIND: what it names}, see {@link HeapGraph#rootShape}), then
 * its sequence of {@code type edge} (a class object shown by its class's name, array indices as {@code [*]}),
 * ending in the target's type, so that a group held straight from a root still says by what; see
 * {@link ShapeTable} for how runs
 * of equal steps fold. The shape of the steps above each object is memoised, so 50,000 instances under
 * one array cost one short walk each, up to the first object already seen. Groups are ordered by count,
 * then shape; the chains listed are one per group in that order (the shortest instance of each, lowest id
 * first), then the shortest of the rest, so the first chains show the different ways instances are held.
 */
final class ChainReporter {

    private final HeapGraph graph;
    private final ShortestPaths paths;
    private final CancelSignal cancel;
    private final ShapeTable shapes = new ShapeTable();
    /** Object -> shape of the steps above it (from its root down to its parent). */
    private final IntIntHashMap prefixOf = new IntIntHashMap();
    /** Object -> its length in steps from its root, for objects on reported chains. */
    private final IntIntHashMap depthOf = new IntIntHashMap();
    /** Step key (see {@link HeapGraph#stepKey}) -> step id. */
    private final LongIntHashMap stepByKey = new LongIntHashMap();

    /** Null when retained sizes are not wanted. */
    private final DominatorTree tree;

    ChainReporter(HeapGraph graph, ShortestPaths paths, DominatorTree tree, CancelSignal cancel) {
        this.graph = graph;
        this.paths = paths;
        this.tree = tree;
        this.cancel = cancel;
    }

    /**
     * The shape of the chain to {@code object} below its root ({@code type edge} per step, runs folded, the
     * object's type last): what a suspect's fingerprint hashes, so that it does not change with a root's
     * description (a thread's name).
     */
    List<String> shape(int object) {
        List<String> steps = shapes.steps(shapes.canonical(shapes.extend(prefixShape(object), shapes.step(nodeLabel(object)))));
        return steps.subList(1, steps.size());
    }

    TargetResult report(TargetQuery query, int[] instances, long[] weaklyReachable, int maxChains) {
        int reachable = 0;
        int weak = 0;
        IntObjectHashMap<IntArrayList> byShape = new IntObjectHashMap<>();
        IntArrayList shapeOrder = new IntArrayList();
        IntIntHashMap shown = new IntIntHashMap();
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
            int shape = shapes.extend(prefixShape(object), shapes.step(nodeLabel(object)));
            int key = shapes.canonical(shape);
            IntArrayList members = byShape.get(key);
            if (members == null) {
                members = new IntArrayList();
                byShape.put(key, members);
                shapeOrder.add(key);
                shown.put(key, shape);
            } else if (shapes.repeats(shape) > shapes.repeats(shown.get(key))) {
                shown.put(key, shape);
            }
            members.add(object);
        }
        int unreachable = instances.length - reachable - weak;
        List<Group> groups = new ArrayList<>();
        for (int s = 0; s < shapeOrder.size(); s++) {
            int key = shapeOrder.get(s);
            groups.add(new Group(shapes.steps(shown.get(key)), byShape.get(key)));
        }
        groups.sort(Comparator.<Group>comparingInt(g -> -g.members.size())
                .thenComparing(g -> String.join("\n", g.path)));
        if (tree == null) {
            List<PathGroup> pathGroups = groups.stream().map(g -> new PathGroup(g.path, g.members.size())).toList();
            return new TargetResult(query, instances.length, reachable, weak, unreachable, chains(groups, maxChains),
                    pathGroups);
        }
        long[] topMost = RetainedSet.topMost(tree, instances);
        List<PathGroup> pathGroups = new ArrayList<>();
        for (Group g : groups) {
            long bytes = 0;
            for (int i = 0; i < g.members.size(); i++) {
                int member = g.members.get(i);
                if (ShortestPaths.isSet(topMost, member)) {
                    bytes += tree.retainedBytes(member);
                }
            }
            pathGroups.add(new PathGroup(g.path, g.members.size(), bytes));
        }
        RetainedSet.Size retained = RetainedSet.measure(graph, tree, instances, cancel);
        return new TargetResult(query, instances.length, reachable, weak, unreachable, chains(groups, maxChains),
                pathGroups, retained.objects(), retained.bytes());
    }

    private record Group(List<String> path, IntArrayList members) {
    }

    private List<Chain> chains(List<Group> groups, int max) {
        // Candidates are ordered by (depth, id); only the best of each group and the best few of the
        // rest can be listed, so each group is scanned once with a bounded heap instead of sorted.
        List<long[]> chosen = new ArrayList<>();
        java.util.PriorityQueue<long[]> rest = new java.util.PriorityQueue<>(CANDIDATE_ORDER.reversed());
        for (Group group : groups) {
            long[] best = null;
            for (int i = 0; i < group.members.size(); i++) {
                int member = group.members.get(i);
                long depth = depth(member);
                long id = graph.objectId(member);
                boolean better = best == null || depth < best[0] || (depth == best[0] && id < best[1]);
                if (!better && !worthOffering(rest, depth, id, max)) {
                    continue;
                }
                long[] candidate = {depth, id, member};
                if (better) {
                    if (best != null) {
                        offer(rest, best, max);
                    }
                    best = candidate;
                } else {
                    offer(rest, candidate, max);
                }
            }
            chosen.add(best);
        }
        if (chosen.size() > max) {
            chosen = new ArrayList<>(chosen.subList(0, max));
        } else {
            List<long[]> others = new ArrayList<>(rest);
            others.sort(CANDIDATE_ORDER);
            chosen.addAll(others.subList(0, Math.min(others.size(), max - chosen.size())));
        }
        List<Chain> chains = new ArrayList<>();
        for (long[] target : chosen) {
            chains.add(chain((int) target[2]));
        }
        return chains;
    }

    private static final Comparator<long[]> CANDIDATE_ORDER =
            Comparator.<long[]>comparingLong(c -> c[0]).thenComparingLong(c -> c[1]);

    /** Whether a candidate would enter the bounded heap, checked before allocating it. */
    private static boolean worthOffering(java.util.PriorityQueue<long[]> heap, long depth, long id, int max) {
        if (max == 0) {
            return false;
        }
        if (heap.size() < max) {
            return true;
        }
        long[] worst = heap.peek();
        return depth < worst[0] || (depth == worst[0] && id < worst[1]);
    }

    private static void offer(java.util.PriorityQueue<long[]> heap, long[] candidate, int max) {
        if (max == 0) {
            return;
        }
        if (heap.size() < max) {
            heap.add(candidate);
        } else if (CANDIDATE_ORDER.compare(candidate, heap.peek()) < 0) {
            heap.poll();
            heap.add(candidate);
        }
    }

    private int depth(int object) {
        int known = depthOf.getOrDefault(object, -1);
        if (known >= 0) {
            return known;
        }
        // Parents are memoised too, so a group of siblings costs one walk.
        if (paths.isRoot(object)) {
            depthOf.put(object, 0);
            return 0;
        }
        IntArrayList upward = new IntArrayList();
        int o = object;
        int base;
        while (true) {
            int known2 = depthOf.getOrDefault(o, -1);
            if (known2 >= 0) {
                base = known2;
                break;
            }
            if (paths.isRoot(o)) {
                base = 0;
                depthOf.put(o, 0);
                break;
            }
            upward.add(o);
            o = paths.parent(o);
        }
        for (int i = upward.size() - 1; i >= 0; i--) {
            base++;
            depthOf.put(upward.get(i), base);
        }
        return depthOf.get(object);
    }

    Chain chain(int target) {
        // Walk up once to count, then build only the steps that are listed.
        int length = 1;
        int top = target;
        while (!paths.isRoot(top)) {
            top = paths.parent(top);
            length++;
        }
        int keep = Chain.MAX_LISTED_STEPS / 2;
        int omitted = length > Chain.MAX_LISTED_STEPS ? length - 2 * keep : 0;
        Step[] steps = new Step[length - omitted];
        int object = target;
        String edge = null;
        for (int fromTarget = 0; fromTarget < length; fromTarget++) {
            int position = length - 1 - fromTarget;
            boolean listed = omitted == 0 || position < keep || position >= length - keep;
            if (listed) {
                int slot = position < keep ? position : position - omitted;
                steps[slot] = new Step(graph.objectId(object), graph.typeName(object), graph.objectName(object), edge);
            }
            if (paths.isRoot(object)) {
                break;
            }
            int parent = paths.parent(object);
            boolean parentListed = omitted == 0 || position - 1 < keep || position - 1 >= length - keep;
            edge = parentListed ? graph.edgeLabel(parent, object, paths.includesWeak()) : null;
            object = parent;
        }
        return new Chain(graph.rootInfo(paths.rootRecord(top)), length, omitted, List.of(steps));
    }

    /** The shape of the steps above {@code object}, built by walking up to a known prefix, memoised. */
    private final IntArrayList upward = new IntArrayList();

    private int prefixShape(int object) {
        upward.clear();
        int node = object;
        while (prefixOf.getOrDefault(node, -1) < 0 && !paths.isRoot(node)) {
            upward.add(node);
            node = paths.parent(node);
        }
        if (prefixOf.getOrDefault(node, -1) < 0) {
            // A root object: every shape starts with its root.
            prefixOf.put(node, shapes.extend(ShapeTable.EMPTY, shapes.step(graph.rootShape(paths.rootRecord(node)))));
        }
        for (int i = upward.size() - 1; i >= 0; i--) {
            int child = upward.get(i);
            prefixOf.put(child, shapes.extend(prefixOf.get(node), step(node, child)));
            node = child;
        }
        return prefixOf.get(object);
    }

    /** The id of the step {@code node -> child}: looked up by the graph's step key, its text built only the first time. */
    private int step(int node, int child) {
        long key = graph.stepKey(node, child, paths.includesWeak());
        if (key >= 0) {
            int known = stepByKey.getOrDefault(key, -1);
            if (known >= 0) {
                return known;
            }
        }
        int step = shapes.step(StepLabels.step(graph, node, child, paths.includesWeak()));
        if (key >= 0) {
            stepByKey.put(key, step);
        }
        return step;
    }

    private String nodeLabel(int object) {
        return StepLabels.node(graph, object);
    }
}
