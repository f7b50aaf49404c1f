package dev.casebook.core.heap.dominator;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.sorting.IndirectSort;
import com.carrotsearch.hppc.ObjectIntHashMap;
import dev.casebook.core.heap.graph.HeapGraph;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The part of a dominator tree a person browses, kept after the dump is gone: compact, bounded whatever
 * the heap's size. Nodes are expanded best first (largest retained size first) from the super-root, each
 * listing at most {@link #MAX_CHILDREN} of its children, largest first, until {@link #MAX_EXPANDED}
 * nodes are expanded or {@link #MAX_LISTED} are listed. Every listed node says how many children it has
 * in all, so a reader knows when a list was cut. One record per listed node, 48 bytes before gzip.
 */
public final class DominatorIndex {

    public static final int MAX_CHILDREN = 1000;
    public static final int MAX_EXPANDED = 20_000;
    public static final int MAX_LISTED = 100_000;
    private static final int MAGIC = 0x43424431; // "CBD1"

    /** One node as a browser shows it. */
    public record Node(long id, String type, String name, long shallowBytes, long retainedBytes,
            long retainedObjects, int children) {
    }

    /**
     * A page of a node's children: {@code total} children in all, {@code listed} of them kept (the largest),
     * {@code children} the page asked for among those. {@code parent} is null for the super-root.
     */
    public record Page(Node parent, int total, int listed, List<Node> children) {
    }

    private final List<String> strings;
    private final long[] ids;
    private final int[] types;
    private final int[] names;
    private final long[] shallow;
    private final long[] retainedBytes;
    private final long[] retainedObjects;
    private final int[] childCount;
    private final int[] firstChild;
    private final int[] listedChildren;
    private final int rootChildren;
    private final int rootFirst;
    private final int rootListed;
    private final LongIntHashMap byId = new LongIntHashMap();

    private DominatorIndex(List<String> strings, long[] ids, int[] types, int[] names, long[] shallow,
            long[] retainedBytes, long[] retainedObjects, int[] childCount, int[] firstChild, int[] listedChildren,
            int rootChildren, int rootFirst, int rootListed) {
        this.strings = strings;
        this.ids = ids;
        this.types = types;
        this.names = names;
        this.shallow = shallow;
        this.retainedBytes = retainedBytes;
        this.retainedObjects = retainedObjects;
        this.childCount = childCount;
        this.firstChild = firstChild;
        this.listedChildren = listedChildren;
        this.rootChildren = rootChildren;
        this.rootFirst = rootFirst;
        this.rootListed = rootListed;
        for (int i = 0; i < ids.length; i++) {
            byId.put(ids[i], i);
        }
    }

    /** Selects the nodes to keep and writes them as gzip bytes. */
    public static byte[] write(HeapGraph graph, DominatorTree tree) {
        IntArrayList objects = new IntArrayList();
        IntArrayList expansions = new IntArrayList(); // triples: entry, first child entry, children listed
        // The frontier: entries not yet expanded, the largest retained size on top.
        EntryHeap frontier = new EntryHeap(e -> tree.retainedBytes(objects.get(e)));
        int[] rootExpansion = expand(tree, DominatorTree.SUPER_ROOT, objects, frontier);
        int expanded = 1;
        while (!frontier.isEmpty() && expanded < MAX_EXPANDED && objects.size() < MAX_LISTED) {
            int entry = frontier.pop();
            int[] span = expand(tree, objects.get(entry), objects, frontier);
            expansions.add(entry, span[0], span[1]);
            expanded++;
        }
        int count = objects.size();
        int[] first = new int[count];
        int[] listed = new int[count];
        Arrays.fill(first, -1);
        for (int i = 0; i < expansions.size(); i += 3) {
            first[expansions.get(i)] = expansions.get(i + 1);
            listed[expansions.get(i)] = expansions.get(i + 2);
        }
        ObjectIntHashMap<String> stringIds = new ObjectIntHashMap<>();
        List<String> strings = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(fastGzip(bytes), 1 << 16))) {
            int[] typeIds = new int[count];
            int[] nameIds = new int[count];
            for (int i = 0; i < count; i++) {
                int o = objects.get(i);
                typeIds[i] = intern(graph.typeName(o), stringIds, strings);
                String name = graph.objectName(o);
                nameIds[i] = name == null ? -1 : intern(name, stringIds, strings);
            }
            out.writeInt(MAGIC);
            out.writeInt(strings.size());
            for (String s : strings) {
                out.writeUTF(s.length() > 10_000 ? s.substring(0, 10_000) : s);
            }
            out.writeInt(tree.childCount(DominatorTree.SUPER_ROOT));
            out.writeInt(rootExpansion[0]);
            out.writeInt(rootExpansion[1]);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                int o = objects.get(i);
                out.writeLong(graph.objectId(o));
                out.writeInt(typeIds[i]);
                out.writeInt(nameIds[i]);
                out.writeLong(graph.shallowSize(o));
                out.writeLong(tree.retainedBytes(o));
                out.writeInt(tree.retainedObjects(o));
                out.writeInt(tree.childCount(o));
                out.writeInt(first[i]);
                out.writeInt(listed[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Gzip at its fastest level: the index is written once per job, on the job's clock, and read rarely. */
    private static GZIPOutputStream fastGzip(ByteArrayOutputStream bytes) throws IOException {
        return new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        };
    }

    private static int intern(String s, ObjectIntHashMap<String> ids, List<String> strings) {
        int at = ids.indexOf(s);
        if (ids.indexExists(at)) {
            return ids.indexGet(at);
        }
        ids.indexInsert(at, s, strings.size());
        strings.add(s);
        return strings.size() - 1;
    }

    /** Lists {@code parent}'s largest children as new entries; returns {first entry, how many}. */
    private static int[] expand(DominatorTree tree, int parent, IntArrayList objects, EntryHeap frontier) {
        IntArrayList children = new IntArrayList();
        tree.forEachChild(parent, children::add);
        int[] byRetained = IndirectSort.mergesort(0, children.size(), (a, b) -> {
            int bySize = Long.compare(tree.retainedBytes(children.get(b)), tree.retainedBytes(children.get(a)));
            return bySize != 0 ? bySize : Integer.compare(children.get(a), children.get(b));
        });
        int listed = Math.min(MAX_CHILDREN, children.size());
        int first = objects.size();
        for (int i = 0; i < listed; i++) {
            int child = children.get(byRetained[i]);
            objects.add(child);
            if (tree.retainedObjects(child) > 1) {
                frontier.push(objects.size() - 1);
            }
        }
        return new int[] {first, listed};
    }

    /** A binary max-heap of entry numbers by a key, without boxing. */
    private static final class EntryHeap {
        private final java.util.function.IntToLongFunction key;
        private int[] heap = new int[1024];
        private int size;

        EntryHeap(java.util.function.IntToLongFunction key) {
            this.key = key;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Larger keys first; equal keys, the earlier entry first. */
        private boolean above(int a, int b) {
            long ka = key.applyAsLong(a);
            long kb = key.applyAsLong(b);
            return ka > kb || (ka == kb && a < b);
        }

        void push(int entry) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            heap[i] = entry;
            while (i > 0 && above(heap[i], heap[(i - 1) / 2])) {
                int p = (i - 1) / 2;
                int t = heap[p];
                heap[p] = heap[i];
                heap[i] = t;
                i = p;
            }
        }

        int pop() {
            int top = heap[0];
            heap[0] = heap[--size];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                int r = l + 1;
                int best = i;
                if (l < size && above(heap[l], heap[best])) {
                    best = l;
                }
                if (r < size && above(heap[r], heap[best])) {
                    best = r;
                }
                if (best == i) {
                    return top;
                }
                int t = heap[best];
                heap[best] = heap[i];
                heap[i] = t;
                i = best;
            }
        }
    }

    /** Reads what {@link #write} wrote; a damaged file is an {@link IOException}. */
    public static DominatorIndex read(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(new GZIPInputStream(in, 1 << 16))) {
            if (data.readInt() != MAGIC) {
                throw new IOException("not a dominator index");
            }
            int stringCount = data.readInt();
            List<String> strings = new ArrayList<>(stringCount);
            for (int i = 0; i < stringCount; i++) {
                strings.add(data.readUTF());
            }
            int rootChildren = data.readInt();
            int rootFirst = data.readInt();
            int rootListed = data.readInt();
            int count = data.readInt();
            if (count < 0 || count > MAX_LISTED + MAX_CHILDREN) {
                throw new IOException("a dominator index of " + count + " nodes");
            }
            long[] ids = new long[count];
            int[] types = new int[count];
            int[] names = new int[count];
            long[] shallow = new long[count];
            long[] retainedBytes = new long[count];
            long[] retainedObjects = new long[count];
            int[] childCount = new int[count];
            int[] first = new int[count];
            int[] listed = new int[count];
            for (int i = 0; i < count; i++) {
                ids[i] = data.readLong();
                types[i] = data.readInt();
                names[i] = data.readInt();
                shallow[i] = data.readLong();
                retainedBytes[i] = data.readLong();
                retainedObjects[i] = data.readInt();
                childCount[i] = data.readInt();
                first[i] = data.readInt();
                listed[i] = data.readInt();
            }
            return new DominatorIndex(List.copyOf(strings), ids, types, names, shallow, retainedBytes, retainedObjects,
                    childCount, first, listed, rootChildren, rootFirst, rootListed);
        }
    }

    /** The super-root's children (the top-level dominators), a page of them. */
    public Page root(int offset, int limit) {
        return page(null, rootChildren, rootFirst, rootListed, offset, limit);
    }

    /** A page of the object's children, or null when the object is not among the kept nodes. */
    public Page children(long objectId, int offset, int limit) {
        int entry = byId.getOrDefault(objectId, -1);
        if (entry < 0) {
            return null;
        }
        return page(node(entry), childCount[entry], firstChild[entry], listedChildren[entry], offset, limit);
    }

    private Page page(Node parent, int total, int first, int listed, int offset, int limit) {
        List<Node> children = new ArrayList<>();
        for (int i = offset; i < listed && children.size() < limit; i++) {
            children.add(node(first + i));
        }
        return new Page(parent, total, Math.max(0, listed), children);
    }

    private Node node(int entry) {
        return new Node(ids[entry], strings.get(types[entry]), names[entry] < 0 ? null : strings.get(names[entry]),
                shallow[entry], retainedBytes[entry], retainedObjects[entry], childCount[entry]);
    }
}
