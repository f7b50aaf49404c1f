package dev.casebook.core.heap.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.Targets;
import dev.casebook.testing.leaks.LeakyApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chains in dumps the JDK itself wrote ({@code HotSpotDiagnosticMXBean.dumpHeap}) from {@link LeakyApp},
 * whose planted leaks have known chains. Only the end of a chain is the test's to know: how the JDK
 * reaches an application class from a root depends on its version.
 */
class JdkDumpChainsTest {

    private static final String APP = LeakyApp.class.getName();
    private static HprofHeap live;
    private static HprofHeap all;

    @BeforeAll
    static void dump() throws IOException {
        live = HprofHeap.open(HeapDumps.leakyLive(), CancelSignal.NEVER, ProgressListener.NONE);
        all = HprofHeap.open(HeapDumps.leakyAll(), CancelSignal.NEVER, ProgressListener.NONE);
    }

    @AfterAll
    static void close() {
        live.close();
        all.close();
    }

    private static TargetResult analyse(HprofHeap heap, String simpleName, boolean includeWeak) {
        return Targets.analyse(heap, List.of(new TargetQuery.ClassName(APP + "$" + simpleName, false)),
                new NearestRoots.Options(10, includeWeak), CancelSignal.NEVER, ProgressListener.NONE).get(0);
    }

    /** Each step as "type edge" (a class object by its class's name), the target as its type. */
    private static List<String> steps(Chain chain) {
        return chain.path().stream()
                .map(s -> (s.type().equals("java.lang.Class") ? "class " + s.name() : s.type())
                        + (s.edge() == null ? "" : " " + s.edge()))
                .toList();
    }

    private static void assertEndsWith(List<String> actual, String... expectedEnd) {
        List<String> end = List.of(expectedEnd);
        assertTrue(actual.size() >= end.size() && actual.subList(actual.size() - end.size(), actual.size()).equals(end),
                "chain " + actual + " should end with " + end);
    }

    private static void assertContainsRun(List<String> actual, String... run) {
        assertTrue(java.util.Collections.indexOfSubList(actual, List.of(run)) >= 0,
                "chain " + actual + " should contain " + List.of(run));
    }

    private static TargetResult query(String className, boolean subclasses) {
        return Targets.analyse(live, List.of(new TargetQuery.ClassName(className, subclasses)),
                new NearestRoots.Options(1, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
    }

    @Test
    void theCanonicalNameAndTheSimpleNameFindTheNestedClass() {
        TargetResult canonical = query(APP.replace('$', '.') + ".Room", false);
        assertEquals(50, canonical.matched());
        assertEquals(java.util.Set.of(APP + "$Room"), canonical.typeMatch().types());
        assertEquals(50, query("LeakyApp.Room", false).matched());
        assertEquals(3000, query("LeakyListener", false).matched());
    }

    @Test
    void subclassesOfThreadIncludeTheAppsWorkersAndTheJdksOwnThreads() {
        TargetResult exact = query("java.lang.Thread", false);
        TargetResult withSubclasses = query("java.lang.Thread", true);
        java.util.Set<String> types = withSubclasses.typeMatch().types();
        assertTrue(types.containsAll(java.util.Set.of("java.lang.Thread", APP + "$Worker", APP + "$Keeper",
                "java.lang.ref.Reference$ReferenceHandler")), types.toString());
        int sum = 0;
        for (String type : types) {
            sum += query(type, false).matched();
        }
        assertEquals(sum, withSubclasses.matched(), "every instance of every subclass, each once");
        assertTrue(withSubclasses.matched() >= exact.matched() + 3, exact.matched() + " vs " + withSubclasses.matched());
        assertEquals(1, query(APP + "$Worker", true).matched(), "subclasses do not go up the hierarchy");
    }

    @Test
    void aMistypedNameMatchesNothingAndNamesTheNearestClasses() {
        TargetResult typo = query(APP + "$Rooom", false);
        assertEquals(0, typo.matched());
        assertEquals(APP + "$Room", typo.typeMatch().similar().get(0), typo.typeMatch().toString());
    }

    @Test
    void staticMapHoldsEveryRoomAndGroupsCountThemAll() {
        TargetResult rooms = analyse(live, "Room", false);
        assertEquals(50, rooms.matched());
        assertEquals(50, rooms.reachable());
        assertEquals(10, rooms.chains().size());
        assertContainsRun(steps(rooms.chains().get(0)), "class " + APP + " static REGISTRY", "java.util.HashMap table");
        assertTrue(steps(rooms.chains().get(0)).get(steps(rooms.chains().get(0)).size() - 3)
                .matches("java\\.util\\.HashMap\\$Node\\[] \\[\\d+]"));
        assertEndsWith(steps(rooms.chains().get(0)), "java.util.HashMap$Node value", APP + "$Room");
        assertEquals(50, rooms.groups().stream().mapToInt(PathGroup::count).sum(), "every instance in one group");
        List<String> largest = rooms.groups().get(0).path();
        assertTrue(largest.contains("java.util.HashMap$Node[] [*]"), largest.toString());
        assertEquals(APP + " static REGISTRY", largest.get(largest.indexOf("java.util.HashMap table") - 1));
        for (int i = 1; i < rooms.groups().size(); i++) {
            assertTrue(rooms.groups().get(i - 1).count() >= rooms.groups().get(i).count(), "largest group first");
        }
    }

    @Test
    void innerClassListenerHoldsItsOuterInstance() {
        TargetResult screen = analyse(live, "Screen", false);
        assertEquals(1, screen.reachable());
        assertEndsWith(steps(screen.chains().get(0)), "class " + APP + " static BUTTON", APP + "$Button listeners",
                "java.util.ArrayList elementData", "java.lang.Object[] [0]", APP + "$Screen$Listener this$0",
                APP + "$Screen");
    }

    @Test
    void threadLocalOfALiveNamedThreadNamesTheThread() {
        TargetResult session = analyse(live, "Session", false);
        Chain chain = session.chains().get(0);
        assertEquals("THREAD_OBJECT", chain.root().kind());
        assertEquals("Thread \"session-keeper\"", chain.root().description());
        assertEquals("session-keeper", chain.path().get(0).name());
        assertEquals(List.of(APP + "$Keeper threadLocals", "java.lang.ThreadLocal$ThreadLocalMap table"), steps(chain).subList(0, 2));
        assertTrue(steps(chain).get(steps(chain).size() - 3).startsWith("java.lang.ThreadLocal$ThreadLocalMap$Entry[] ["));
        assertEndsWith(steps(chain), "java.lang.ThreadLocal$ThreadLocalMap$Entry value", APP + "$Session");
    }

    @Test
    void localOfAWaitingThreadIsAFrameRootWithMethodAndLine() {
        TargetResult job = analyse(live, "Job", false);
        Chain chain = job.chains().get(0);
        assertEquals("JAVA_FRAME", chain.root().kind());
        assertTrue(chain.root().description().matches(
                "Local variable in thread \"worker-1\" at " + APP.replace(".", "\\.") + "\\$Worker\\.run\\(LeakyApp\\.java:\\d+\\)"),
                chain.root().description());
        assertEquals(List.of(APP + "$Job"), steps(chain), "the target is its own root");
    }

    @Test
    void weaklyAndSoftlyHeldObjectsAreNotReachableUnlessAllowed() {
        TargetResult weak = analyse(all, "Weakling", false);
        assertEquals(1, weak.matched());
        assertEquals(0, weak.reachable());
        assertEquals(1, weak.weaklyReachable());
        assertEquals(0, weak.unreachable());
        assertTrue(weak.chains().isEmpty());

        TargetResult soft = analyse(live, "Softling", false);
        assertEquals(1, soft.weaklyReachable());

        TargetResult allowed = analyse(live, "Softling", true);
        assertEquals(1, allowed.reachable());
        assertEndsWith(steps(allowed.chains().get(0)), "class " + APP + " static SOFT",
                "java.lang.ref.SoftReference referent", APP + "$Softling");
    }

    @Test
    void garbageInAnAllObjectsDumpIsUnreachable() {
        TargetResult garbage = analyse(all, "Garbage", false);
        assertEquals(1, garbage.matched());
        assertEquals(0, garbage.reachable());
        assertEquals(0, garbage.weaklyReachable());
        assertEquals(1, garbage.unreachable());
        assertEquals(0, analyse(live, "Garbage", false).matched(), "a live dump has no garbage");
    }

    @Test
    void shortestPathTakesTheShortcutNotTheLongList() {
        TargetResult tail = analyse(live, "Tail", false);
        List<String> chain = steps(tail.chains().get(0));
        assertEndsWith(chain, "class " + APP + " static SHORTCUT", APP + "$Link next", APP + "$Link payload",
                APP + "$Tail");
        assertTrue(chain.size() < 20, "not through the " + LeakyApp.LIST_LENGTH + "-link list: " + chain.size());
    }

    /** A loader held only through its classes: without the class-to-loader reference it looked like garbage. */
    @Test
    void aClassLoaderHeldOnlyByAnInstanceOfItsClassEndsInClassThenLoader() {
        TargetResult loader = analyse(live, "PluginLoader", false);
        assertEquals(1, loader.matched());
        assertEquals(1, loader.reachable());
        assertEndsWith(steps(loader.chains().get(0)), "class " + APP + " static PLUGIN", APP + "$Plugin <class>",
                "class " + APP + "$Plugin <loader>", APP + "$PluginLoader");
    }

    /** A class holds its superclass: a plugin's base class is nearest through the plugin's class. */
    @Test
    void aSuperclassIsHeldByItsSubclass() {
        TargetResult classes = Targets.analyse(live, List.of(new TargetQuery.ClassName("java.lang.Class", false)),
                new NearestRoots.Options(Integer.MAX_VALUE, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
        // Two classes have that name: the application loader's (loaded when LeakyApp named Plugin) and the
        // plugin loader's, whose only strong holders are its loader's list and its subclass.
        List<List<String>> bases = classes.chains().stream()
                .filter(c -> (APP + "$PluginBase").equals(c.path().get(c.path().size() - 1).name()))
                .map(JdkDumpChainsTest::steps).toList();
        assertEquals(2, bases.size(), bases.toString());
        List<String> end = List.of("class " + APP + " static PLUGIN", APP + "$Plugin <class>",
                "class " + APP + "$Plugin <super>", "class " + APP + "$PluginBase");
        assertTrue(bases.stream().anyMatch(b -> b.size() >= end.size() && b.subList(b.size() - end.size(), b.size()).equals(end)),
                "one of " + bases + " should end with " + end);
    }

    /** An array holds its class: the class of an application's array type is held by nothing else. */
    @Test
    void anArrayClassIsHeldByItsArrays() {
        TargetResult classes = Targets.analyse(live, List.of(new TargetQuery.ClassName("java.lang.Class", false)),
                new NearestRoots.Options(Integer.MAX_VALUE, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
        Chain roomArray = classes.chains().stream()
                .filter(c -> (APP + "$Room[]").equals(c.path().get(c.path().size() - 1).name()))
                .findFirst().orElseThrow(() -> new AssertionError("the class of Room[] has a chain"));
        assertEndsWith(steps(roomArray), "class " + APP + " static FEATURED", APP + "$Room[] <class>",
                "class " + APP + "$Room[]");
    }

    @Test
    void arraysOfArraysShowEachIndex() {
        TargetResult cell = analyse(live, "Cell", false);
        assertEndsWith(steps(cell.chains().get(0)), "class " + APP + " static GRID", "java.lang.Object[][] [3]",
                "java.lang.Object[] [4]", APP + "$Cell");
        assertTrue(cell.groups().get(0).path().containsAll(List.of("java.lang.Object[][] [*]", "java.lang.Object[] [*]")));
    }

    @Test
    void objectIdTargetsFindTheSameChainAsTheirClass() {
        TargetResult byClass = analyse(live, "Screen", false);
        long id = byClass.chains().get(0).path().get(byClass.chains().get(0).path().size() - 1).id();
        TargetResult byId = Targets.analyse(live, List.of(new TargetQuery.ObjectId(id)),
                new NearestRoots.Options(10, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
        assertEquals(byClass.chains(), byId.chains());
        TargetResult missing = Targets.analyse(live, List.of(new TargetQuery.ObjectId(12345)),
                new NearestRoots.Options(10, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
        assertEquals(0, missing.matched());
    }

    @Test
    void resultsAreDeterministic() throws IOException {
        List<TargetQuery> queries = List.of(new TargetQuery.ClassName(APP + "$Room", false),
                new TargetQuery.ClassName("java.lang.String", false), new TargetQuery.ClassName("java.lang.Object[]", false));
        var options = new NearestRoots.Options(5, false);
        var first = Targets.analyse(live, queries, options, CancelSignal.NEVER, ProgressListener.NONE);
        try (HprofHeap again = HprofHeap.open(HeapDumps.leakyLive(), CancelSignal.NEVER, ProgressListener.NONE)) {
            assertEquals(first, Targets.analyse(again, queries, options, CancelSignal.NEVER, ProgressListener.NONE));
        }
    }

    @Test
    void progressIsReportedPhaseByPhaseWhileReading() throws IOException {
        List<String> events = new java.util.ArrayList<>();
        ProgressListener record = (phase, percent) -> events.add(phase.name() + " " + percent);
        try (HprofHeap heap = HprofHeap.open(HeapDumps.leakyLive(200_000), CancelSignal.NEVER, record)) {
            Targets.analyse(heap, List.of(new TargetQuery.ClassName(APP + "$Room", false)),
                    new NearestRoots.Options(1, false), CancelSignal.NEVER, record);
        }
        List<String> indexing = events.stream().filter(e -> e.startsWith("INDEXING")).toList();
        assertTrue(indexing.size() >= 5, "indexing reports as it reads: " + indexing);
        List<Integer> percents = indexing.stream().map(e -> Integer.parseInt(e.split(" ")[1])).toList();
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(percents.get(i) >= percents.get(i - 1), "percent never goes back: " + percents);
        }
        assertEquals(100, percents.get(percents.size() - 1));
        List<String> phases = events.stream().map(e -> e.split(" ")[0]).distinct().toList();
        assertEquals(List.of("INDEXING", "MATCHING", "SEARCHING", "REPORTING"), phases);
    }

    @Test
    void aSetCancelSignalStopsTheAnalysis() {
        Path dump = HeapDumps.leakyLive();
        org.junit.jupiter.api.Assertions.assertThrows(dev.casebook.core.heap.graph.AnalysisCancelledException.class,
                () -> HprofHeap.open(dump, () -> true, ProgressListener.NONE).close());
    }
}
