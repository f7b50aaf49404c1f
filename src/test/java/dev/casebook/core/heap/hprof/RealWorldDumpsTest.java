package dev.casebook.core.heap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.testing.Targets;
import dev.casebook.testing.TestDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dumps written by runtimes and tools no one here wrote (src/test/resources/hprof/NOTICE.md). */
class RealWorldDumpsTest {

    private static TargetResult analyse(HprofHeap heap, String className) {
        return Targets.analyse(heap, List.of(new TargetQuery.ClassName(className, false)),
                new NearestRoots.Options(10, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
    }

    private static HprofHeap open(String file) throws IOException {
        return HprofHeap.open(TestDumps.path(file), CancelSignal.NEVER, ProgressListener.NONE);
    }

    @ParameterizedTest
    @CsvSource({
        "lc1_leak_service_binder.hprof, 1.0.3, 4",
        "lc1_leak_service_binder_ignored.hprof, 1.0.3, 4",
        "mat_sun_jdk6_32bit.hprof, 1.0.1, 4",
        "mat_sun_jdk6_30_x64_compressedOops.hprof, 1.0.1, 8",
        "mat_sun_jdk6_31_hprofagent_compressedOops.hprof, 1.0.2, 4",
        "mat_oracle_jdk8_05_x64.hprof, 1.0.1, 8",
        "mat_openjdk_jdk11_04_x64.hprof, 1.0.2, 8",
        "slurp_hprof-32.hprof, 1.0.1, 4",
        "slurp_hprof-64.hprof, 1.0.1, 8"})
    void everyDumpLoadsAndAnswers(String file, String version, int idSize) throws IOException {
        try (HprofHeap heap = open(file)) {
            assertEquals(version, heap.version());
            assertEquals(idSize, heap.idSize());
            assertTrue(heap.complete(), heap.warnings().toString());
            TargetResult threads = analyse(heap, "java.lang.Thread");
            assertTrue(threads.matched() > 0 && threads.reachable() > 0, file + ": " + threads);
            for (Chain chain : threads.chains()) {
                assertFalse(chain.root().kind().isEmpty());
                assertFalse(chain.root().description().contains("\"?\""), "thread names are decoded: " + chain.root());
                assertEquals("java.lang.Thread", chain.path().get(chain.path().size() - 1).type());
            }
            TargetResult strings = analyse(heap, "java.lang.String");
            assertTrue(strings.reachable() > 0, file + " strings");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"slurp_hprof-32", "slurp_hprof-64"})
    void recordCountsMatchHprofSlurpsSummary(String name) throws IOException {
        String summary = Files.readString(TestDumps.path(name + "-result.txt"));
        try (HprofHeap heap = open(name + ".hprof")) {
            DumpStatistics stats = heap.statistics();
            assertEquals(count(summary, "GC instance dump"), stats.instances());
            assertEquals(count(summary, "GC object array dump"), stats.objectArrays());
            assertEquals(count(summary, "GC primitive array dump"), stats.primitiveArrays());
            assertEquals(count(summary, "GC class dump"), stats.classes());
            long roots = 0;
            Matcher m = Pattern.compile("\\.\\.GC root [^:]+: (\\d+)").matcher(summary);
            while (m.find()) {
                roots += Long.parseLong(m.group(1));
            }
            assertEquals(roots, stats.roots());
            assertEquals(stats.objects(), heap.objectCount());
        }
    }

    private static long count(String summary, String label) {
        Matcher m = Pattern.compile("\\.\\." + label + ": (\\d+)").matcher(summary);
        assertTrue(m.find(), label);
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest
    @CsvSource({"java.lang.String, 876", "java.net.URL, 43", "java.util.LinkedHashMap$Entry, 51",
        "java.util.Hashtable$Entry, 59", "java.lang.ref.SoftReference, 12", "java.lang.Thread, 6"})
    void instanceCountsMatchTheJmapHistogramTakenWithTheDump(String className, int expected) throws IOException {
        try (HprofHeap heap = open("mat_sun_jdk6_30_x64_compressedOops.hprof")) {
            assertEquals(expected, heap.instancesOf(Set.of(className), CancelSignal.NEVER).length);
        }
    }

    @Test
    void androidLeakCanaryServiceIsHeldThroughItsBinderByAJniGlobal() throws IOException {
        try (HprofHeap heap = open("lc1_leak_service_binder.hprof")) {
            TargetResult service = analyse(heap, "com.example.leakcanary.LeakyService");
            assertTrue(service.reachable() > 0);
            Chain binder = service.chains().stream()
                    .filter(c -> c.root().kind().equals("JNI_GLOBAL")).findFirst().orElseThrow();
            assertEquals(List.of("com.example.leakcanary.LeakyService$MyBinder", "com.example.leakcanary.LeakyService"),
                    binder.path().stream().map(s -> s.type()).toList());
            assertEquals("service", binder.path().get(0).edge());
            assertTrue(service.chains().stream().anyMatch(c -> c.path().get(0).edge() != null
                    && c.path().get(0).edge().startsWith("static ")), "and through a static field of LeakyService");
        }
        try (HprofHeap heap = open("lc1_leak_service_binder_ignored.hprof")) {
            TargetResult service = analyse(heap, "com.example.leakcanary.LeakyService");
            assertTrue(service.reachable() > 0);
            for (Chain chain : service.chains()) {
                assertTrue(chain.path().stream().anyMatch(s -> s.type().endsWith("LeakyService$MyBinder")),
                        "only the binder holds it: " + chain);
            }
        }
    }

    @Test
    void aDumpWithReferencesToMissingIdsSkipsThemAndSaysSo() throws IOException {
        try (HprofHeap heap = open("mat_sun_jdk6_32bit.hprof")) {
            assertEquals(-1, heap.indexOf(729428744L), "the id Shark 2.14 fails on is not in the dump");
            analyse(heap, "java.lang.Object[]");
            assertTrue(heap.danglingReferences() > 0);
            assertTrue(heap.warnings().stream().anyMatch(w -> w.contains("not in the dump")), heap.warnings().toString());
        }
    }
}
