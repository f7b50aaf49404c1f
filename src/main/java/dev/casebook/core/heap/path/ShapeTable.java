package dev.casebook.core.heap.path;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.ObjectIntHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Chain shapes as a trie of interned steps: a shape is (its prefix shape, its last step), so extending
 * a shape is one hash lookup and shapes shared by thousands of chains are stored once. A step equal to
 * the one before it (the next node of a linked list, the parent of a tree node) folds into that one,
 * marked {@code (repeated)}: every element of a long list then shares one shape, and shapes stay short
 * however deep the structure.
 */
final class ShapeTable {

    static final String REPEATED = " (repeated)";
    /** The shape with no steps. */
    static final int EMPTY = 0;

    private final ObjectIntHashMap<String> stepIds = new ObjectIntHashMap<>();
    private final List<String> steps = new ArrayList<>();
    private final IntArrayList repeatedOf = new IntArrayList();
    private final LongIntHashMap children = new LongIntHashMap();
    private final IntArrayList parents = new IntArrayList();
    private final IntArrayList lastSteps = new IntArrayList();

    ShapeTable() {
        parents.add(-1);
        lastSteps.add(-1);
    }

    /** The id of a step label. */
    int step(String label) {
        int at = stepIds.indexOf(label);
        if (stepIds.indexExists(at)) {
            return stepIds.indexGet(at);
        }
        int id = steps.size();
        steps.add(label);
        repeatedOf.add(-1);
        stepIds.put(label, id);
        return id;
    }

    private int repeated(int step) {
        int r = repeatedOf.get(step);
        if (r < 0) {
            r = step(steps.get(step) + REPEATED);
            repeatedOf.set(step, r);
        }
        return r;
    }

    /** The shape {@code prefix} followed by {@code step}, folding a repeat of the last step. */
    int extend(int prefix, int step) {
        int last = lastSteps.get(prefix);
        if (last >= 0) {
            if (last == step) {
                return child(parents.get(prefix), repeated(step));
            }
            if (repeatedOf.get(step) >= 0 && last == repeatedOf.get(step)) {
                return prefix;
            }
        }
        return child(prefix, step);
    }

    private int child(int prefix, int step) {
        long key = ((long) prefix << 32) | step;
        int at = children.indexOf(key);
        if (children.indexExists(at)) {
            return children.indexGet(at);
        }
        int id = parents.size();
        parents.add(prefix);
        lastSteps.add(step);
        children.put(key, id);
        return id;
    }

    /** The shape's steps, first to last. */
    List<String> steps(int shape) {
        List<String> out = new ArrayList<>();
        for (int s = shape; s != EMPTY; s = parents.get(s)) {
            out.add(steps.get(lastSteps.get(s)));
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
