package dev.casebook.core.heap.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.testing.HprofBuilder;
import dev.casebook.testing.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chain deep down a linked list is listed by its ends, and every link of the list shares one group. */
class LongChainsTest {

    private static final long LINK = 0x100;
    private static final int LINKS = 500;

    @TempDir
    Path dir;

    @Test
    void aChainFiveHundredLinksLongListsItsEndsAndCountsTheRest() throws IOException {
        HprofBuilder b = HprofBuilder.hotspot().string(0x10, "next").string(0x11, "HEAD")
                .declareClass(1, LINK, "com/example/Link").startHeap()
                .classDump(LINK, 0, new long[][] {{0x11, 0x10000}}, new long[][] {{0x10, 2}})
                .root(0x05, LINK);
        for (int i = 0; i < LINKS; i++) {
            b.instance(0x10000 + 16L * i, LINK, i + 1 < LINKS ? 0x10000 + 16L * (i + 1) : 0);
        }
        Path file = Files.write(dir.resolve("list.hprof"), b.endHeap().heapDumpEnd().bytes());
        try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
            TargetResult result = Targets.analyse(heap, List.of(new TargetQuery.ClassName("com.example.Link", false)),
                    new NearestRoots.Options(3, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
            assertEquals(LINKS, result.reachable());
            String root = "STICKY_CLASS: Class com.example.Link";
            assertEquals(List.of(new PathGroup(List.of(root, "com.example.Link static HEAD",
                    "com.example.Link next" + ShapeTable.REPEATED, "com.example.Link"), LINKS - 1),
                    new PathGroup(List.of(root, "com.example.Link static HEAD", "com.example.Link"), 1)), result.groups());

            Chain deepest = Targets.analyse(heap, List.of(new TargetQuery.ObjectId(0x10000 + 16L * (LINKS - 1))),
                    new NearestRoots.Options(1, false), CancelSignal.NEVER, ProgressListener.NONE).get(0).chains().get(0);
            int length = LINKS + 1;
            assertEquals(length, deepest.length(), "the class object, then every link");
            assertEquals(length - Chain.MAX_LISTED_STEPS, deepest.omittedSteps());
            assertEquals(Chain.MAX_LISTED_STEPS, deepest.path().size());
            assertEquals("static HEAD", deepest.path().get(0).edge());
            assertEquals("next", deepest.path().get(99).edge(), "the last listed step before the gap keeps its edge");
            assertEquals(0x10000 + 16L * (LINKS - 100), deepest.path().get(100).id(), "the first step after the gap");
            assertNull(deepest.path().get(199).edge());
            assertEquals(0x10000 + 16L * (LINKS - 1), deepest.path().get(199).id());
        }
    }
}
