package dev.casebook.core.heap.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.warmup.SyntheticDump;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.Targets;
import dev.casebook.testing.TestDumps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;

/**
 * An independent oracle: VisualVM's heap library ({@code Instance.getNearestGCRootPointer()}) on the same
 * dumps must find, for every instance of each class, a chain of the same length as ours (both are
 * shortest; which of several equally short chains each picks may differ), and the same instances
 * unreachable. VisualVM's graph lacks some references the JVM holds strongly (a class to its loader,
 * superclass, signers and protection domain; an array to its class): where our chain is shorter or
 * VisualVM finds none, our chain must go through one of those.
 */
class VisualVmOracleTest {

    static Stream<Arguments> cases() {
        String app = "dev.casebook.testing.leaks.LeakyApp$";
        return Stream.of(
                Arguments.of("leaky-live", HeapDumps.leakyLive(), List.of(app + "Room", app + "Screen", app + "Session",
                        app + "Job", app + "Tail", app + "Cell", app + "Softling", "java.util.HashMap",
                        "java.util.concurrent.ConcurrentHashMap$Node", "java.lang.Thread")),
                Arguments.of("leaky-all", HeapDumps.leakyAll(), List.of(app + "Weakling", app + "Garbage",
                        "java.util.ArrayList")),
                Arguments.of("jdk11", TestDumps.path("mat_openjdk_jdk11_04_x64.hprof"),
                        List.of("java.util.HashMap", "java.lang.Thread")),
                Arguments.of("netbeans-64", TestDumps.path("slurp_hprof-64.hprof"),
                        List.of("java.util.HashMap", "java.lang.Thread")),
                Arguments.of("synthetic warm-up", syntheticDump(), List.of(SyntheticDump.LEAKED, "java.util.HashMap$Node",
                        "java.lang.ref.WeakReference", "java.lang.String")));
    }

    /** The start-up warm-up's dump, written by Casebook itself: another reader must see the same heap in it. */
    private static Path syntheticDump() {
        try {
            // A new directory each run: VisualVM keeps an index beside a dump and would read a stale one.
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-dumps")), "synthetic");
            Path dump = dir.resolve("synthetic-warm-up.hprof");
            SyntheticDump.write(dump, 20_000, 1);
            return dump;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chainLengthsAgreeWithVisualVm(String name, Path dump, List<String> classes) throws IOException {
        Heap oracle = HeapFactory.createHeap(dump.toFile());
        try (HprofHeap heap = HprofHeap.open(dump, CancelSignal.NEVER, ProgressListener.NONE)) {
            int compared = 0;
            int extraEdges = 0;
            for (String className : classes) {
                JavaClass javaClass = oracle.getJavaClassByName(className);
                List<?> instances = javaClass == null ? List.of() : javaClass.getInstances();
                TargetResult ours = Targets.analyse(heap, List.of(new TargetQuery.ClassName(className, false)),
                        new NearestRoots.Options(Integer.MAX_VALUE, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
                assertEquals(instances.size(), ours.matched(), className + " instances");
                Map<Long, Chain> ourChains = new HashMap<>();
                for (Chain chain : ours.chains()) {
                    ourChains.put(chain.path().get(chain.path().size() - 1).id(), chain);
                }
                for (Object o : instances) {
                    Instance instance = (Instance) o;
                    Integer theirs = oracleLength(instance);
                    Chain chain = ourChains.get(instance.getInstanceId());
                    String what = className + " 0x" + Long.toHexString(instance.getInstanceId());
                    if (chain == null) {
                        assertEquals(null, theirs, what + ": VisualVM finds a chain, we do not");
                    } else if (theirs == null || chain.length() < theirs) {
                        assertTrue(usesEdgeVisualVmLacks(chain), what + ": shorter than VisualVM's (" + theirs
                                + ") without a reference VisualVM lacks: " + chain);
                        extraEdges++;
                    } else {
                        assertEquals(theirs, chain.length(), what + " chain length");
                    }
                    compared++;
                }
            }
            assertTrue(compared > 0, "something was compared");
            assertTrue(extraEdges < compared, "most chains agree with VisualVM's exactly");
        }
    }

    private static boolean usesEdgeVisualVmLacks(Chain chain) {
        for (Step step : chain.path()) {
            String edge = step.edge();
            if (edge != null && (edge.equals("<loader>") || edge.equals("<super>") || edge.equals("<signers>")
                    || edge.equals("<protectionDomain>") || (edge.equals("<class>") && step.type().endsWith("[]")))) {
                return true;
            }
        }
        return false;
    }

    /** The number of objects from the root to the instance, inclusive, or null when VisualVM finds no root. */
    private static Integer oracleLength(Instance instance) {
        int length = 1;
        Instance current = instance;
        while (true) {
            Instance next = current.getNearestGCRootPointer();
            if (next == null) {
                return null;
            }
            if (next.getInstanceId() == current.getInstanceId()) {
                return length;
            }
            current = next;
            length++;
        }
    }
}
