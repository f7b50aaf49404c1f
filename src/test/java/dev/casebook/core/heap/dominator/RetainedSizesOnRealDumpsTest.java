package dev.casebook.core.heap.dominator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.HeapGraph;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.pyheap.PyheapReader;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PyheapSnapshots;
import dev.casebook.testing.TestDumps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retained sizes are exact on dumps that real runtimes wrote: for sampled objects (the largest, and a
 * seeded random sample), the retained count and bytes equal a brute-force count, the objects reachable
 * from the roots minus those still reachable when the object is taken out. The same for the set of all
 * instances of a class, which no single object's subtree gives.
 */
class RetainedSizesOnRealDumpsTest {

    private static final int SAMPLES = 120;

    static Stream<Arguments> dumps() {
        return Stream.of(
                Arguments.of("JDK 17, this build's LeakyApp", HeapDumps.leakyLive(), "java.util.HashMap"),
                Arguments.of("OpenJDK 11 (Eclipse MAT's test dump)", TestDumps.path("mat_openjdk_jdk11_04_x64.hprof"), "java.lang.String"),
                Arguments.of("JDK 6, 32-bit", TestDumps.path("mat_sun_jdk6_32bit.hprof"), "java.util.HashMap"),
                Arguments.of("Android (LeakCanary's test dump)", TestDumps.path("lc1_leak_service_binder.hprof"), "java.lang.String"),
                Arguments.of("NetBeans profiler, 64-bit", TestDumps.path("slurp_hprof-64.hprof"), "java.util.HashMap"),
                Arguments.of("CPython, pyheap.py", PyheapSnapshots.cacheLeak("retained-oracle.pyheap", 3_000), "__main__.Room"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dumps")
    void retainedSizesEqualABruteForceCount(String name, Path dump, String className) throws IOException {
        HeapGraph graph = name.startsWith("CPython")
                ? PyheapReader.read(dump, CancelSignal.NEVER, ProgressListener.NONE)
                : HprofHeap.open(dump, CancelSignal.NEVER, ProgressListener.NONE);
        try {
            DominatorTree tree = DominatorTree.compute(graph, CancelSignal.NEVER, ProgressListener.NONE);
            long[] all = reach(graph, new long[(graph.objectCount() + 63) >>> 6]);
            assertEquals(tree.reachableObjects(), all[0], "reachable objects");
            assertEquals(tree.reachableBytes(), all[1], "reachable bytes");
            Random random = new Random(name.hashCode());
            int checked = 0;
            // The top-level dominators' largest children first (where the big numbers are), then random objects.
            int[] largest = {-1};
            tree.forEachChild(DominatorTree.SUPER_ROOT, c -> {
                if (largest[0] < 0 || tree.retainedBytes(c) > tree.retainedBytes(largest[0])) {
                    largest[0] = c;
                }
            });
            for (int i = 0; i < SAMPLES; i++) {
                int object = i == 0 ? largest[0] : random.nextInt(graph.objectCount());
                if (!tree.reachable(object)) {
                    assertEquals(0, tree.retainedObjects(object));
                    continue;
                }
                long[] removed = new long[(graph.objectCount() + 63) >>> 6];
                removed[object >>> 6] |= 1L << object;
                long[] without = reach(graph, removed);
                assertEquals(all[0] - without[0], tree.retainedObjects(object), name + " object " + object + " retained objects");
                assertEquals(all[1] - without[1], tree.retainedBytes(object), name + " object " + object + " retained bytes");
                checked++;
            }
            assertTrue(checked > SAMPLES / 4, "enough reachable samples: " + checked);
            int[] instances = graph.instancesOf(Set.of(className), CancelSignal.NEVER);
            assertTrue(instances.length > 1, className + " instances");
            long[] removed = new long[(graph.objectCount() + 63) >>> 6];
            for (int i : instances) {
                removed[i >>> 6] |= 1L << i;
            }
            long[] without = reach(graph, removed);
            RetainedSet.Size set = RetainedSet.measure(graph, tree, instances, CancelSignal.NEVER);
            assertEquals(all[0] - without[0], set.objects(), "retained objects of every " + className);
            assertEquals(all[1] - without[1], set.bytes(), "retained bytes of every " + className);
        } finally {
            if (graph instanceof HprofHeap heap) {
                heap.close();
            }
        }
    }

    /** {objects, bytes} reachable from the strong roots over strong references, never entering {@code removed}. */
    private static long[] reach(HeapGraph graph, long[] removed) {
        int n = graph.objectCount();
        long[] seen = removed.clone();
        int[] queue = new int[n];
        int[] tail = {0};
        boolean[] terminal = new boolean[n];
        for (int r = 0; r < graph.rootCount(); r++) {
            int o = graph.rootObject(r);
            if (o >= 0 && graph.rootIsTerminal(r)) {
                terminal[o] = true;
            }
        }
        for (int r = 0; r < graph.rootCount(); r++) {
            int o = graph.rootObject(r);
            if (o >= 0 && graph.rootHoldsStrongly(r) && !graph.rootIsTerminal(r)) {
                terminal[o] = false;
            }
        }
        for (int r = 0; r < graph.rootCount(); r++) {
            int o = graph.rootObject(r);
            if (o >= 0 && graph.rootHoldsStrongly(r) && (seen[o >>> 6] & (1L << o)) == 0) {
                seen[o >>> 6] |= 1L << o;
                queue[tail[0]++] = o;
            }
        }
        long bytes = 0;
        for (int head = 0; head < tail[0]; head++) {
            int o = queue[head];
            bytes += graph.shallowSize(o);
            if (!terminal[o]) {
                graph.forEachReference(o, (slot, target, weak) -> {
                    if (!weak && (seen[target >>> 6] & (1L << target)) == 0) {
                        seen[target >>> 6] |= 1L << target;
                        queue[tail[0]++] = target;
                    }
                });
            }
        }
        return new long[] {tail[0], bytes};
    }
}
