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
 * marked {@code (repeated)}, read "one or more": every element of a long list then shares one group (see
 * {@link #canonical}), and shapes stay short however deep the structure.
 */
final class ShapeTable {

    static final String REPEATED = " (repeated)";
    /** The shape with no steps. */
    static final int EMPTY = 0;

    private final ObjectIntHashMap<String> stepIds = new ObjectIntHashMap<>();
    private final List<String> steps = new ArrayList<>();
    private final IntArrayList repeatedOf = new IntArrayList();
    /** For a "(repeated)" step, the step it repeats; for others, itself. */
    private final IntArrayList baseOf = new IntArrayList();
    /** Shape -> its canonical shape, -1 until asked; shapes are dense numbers, so an array, not a map. */
    private final IntArrayList canonicalOf = new IntArrayList();
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
        baseOf.add(id);
        stepIds.put(label, id);
        return id;
    }

    private int repeated(int step) {
        int r = repeatedOf.get(step);
        if (r < 0) {
            r = step(steps.get(step) + REPEATED);
            repeatedOf.set(step, r);
            baseOf.set(r, step);
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

    /**
     * The shape with every "(repeated)" step read as its single step: shapes that differ only in how
     * often a step repeats (an element one, two or fifty links down a list) have the same canonical shape.
     */
    int canonical(int shape) {
        if (shape == EMPTY) {
            return EMPTY;
        }
        if (shape < canonicalOf.size()) {
            int known = canonicalOf.get(shape);
            if (known >= 0) {
                return known;
            }
        }
        int result = child(canonical(parents.get(shape)), baseOf.get(lastSteps.get(shape)));
        while (canonicalOf.size() <= shape) {
            canonicalOf.add(-1);
        }
        canonicalOf.set(shape, result);
        return result;
    }

    /** How many "(repeated)" steps the shape has: of shapes with one canonical form, the most folded is shown. */
    int repeats(int shape) {
        int count = 0;
        for (int s = shape; s != EMPTY; s = parents.get(s)) {
            if (baseOf.get(lastSteps.get(s)) != lastSteps.get(s)) {
                count++;
            }
        }
        return count;
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
