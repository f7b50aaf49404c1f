package dev.casebook.core.heap.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.HprofBuilder;
import dev.casebook.testing.HprofRecords;
import dev.casebook.testing.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged and unusual files: each has a defined outcome, a typed error with its byte offset or a marked result. */
class DamagedAndUnusualDumpsTest {

    private static final long FOO = 0x100;
    private static final long NEXT = 0x10;
    private static final long INSTANCE = 0x11;

    @TempDir
    Path dir;

    /** Class Foo with a reference field "next" and a static INSTANCE -> 0x1000 -> 0x2000. */
    private static HprofBuilder fooHeap(HprofBuilder b) {
        return b.string(NEXT, "next").string(INSTANCE, "INSTANCE").declareClass(1, FOO, "com/example/Foo")
                .startHeap()
                .classDump(FOO, 0, new long[][] {{INSTANCE, 0x1000}}, new long[][] {{NEXT, 2}})
                .root(0x05, FOO)
                .instance(0x1000, FOO, 0x2000)
                .instance(0x2000, FOO, 0);
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "dump", ".hprof");
        Files.write(file, bytes);
        return file;
    }

    private static TargetResult analyse(HprofHeap heap, TargetQuery query) {
        return Targets.analyse(heap, List.of(query), new NearestRoots.Options(10, false), CancelSignal.NEVER,
                ProgressListener.NONE).get(0);
    }

    private static List<String> steps(Chain chain) {
        return chain.path().stream().map(s -> s.type() + (s.edge() == null ? "" : " " + s.edge())).toList();
    }

    @Test
    void aWellFormedSyntheticDumpGivesTheChainItDescribes() throws IOException {
        Path file = write(fooHeap(HprofBuilder.hotspot()).endHeap().heapDumpEnd().bytes());
        try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
            assertTrue(heap.complete());
            TargetResult result = analyse(heap, new TargetQuery.ObjectId(0x2000));
            assertEquals(List.of("java.lang.Class static INSTANCE", "com.example.Foo next", "com.example.Foo"),
                    steps(result.chains().get(0)));
            assertEquals("Class com.example.Foo", result.chains().get(0).root().description());
        }
    }

    /** One class name loaded by several class loaders is several classes: a query by name finds the instances and arrays of all. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void aClassNameFromSeveralLoadersMatchesTheInstancesOfEach(int loaders) throws IOException {
        HprofBuilder b = HprofBuilder.hotspot().string(NEXT, "next");
        for (int l = 0; l < loaders; l++) {
            b.declareClass(1 + l, FOO + l, "com/example/Foo");
        }
        b.declareClass(100, 0x900, "com/example/Bar");
        b.startHeap().classDump(0x900, 0, new long[0][], new long[][] {{NEXT, 2}});
        for (int l = 0; l < loaders; l++) {
            b.classDump(FOO + l, 0, new long[0][], new long[][] {{NEXT, 2}}).root(0x05, FOO + l);
        }
        long id = 0x1000;
        for (int i = 0; i < 40; i++) {
            // Foo instances of every loader, interleaved with Bars that must not match.
            b.instance(id, i % 3 == 2 ? 0x900 : FOO + (i % loaders), 0);
            id += 0x10;
        }
        Path file = write(b.endHeap().heapDumpEnd().bytes());
        try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
            int[] foos = heap.instancesOf(Set.of("com.example.Foo"), CancelSignal.NEVER);
            int[] bars = heap.instancesOf(Set.of("com.example.Bar"), CancelSignal.NEVER);
            assertEquals(27, foos.length);
            assertEquals(13, bars.length);
            for (int foo : foos) {
                assertEquals("com.example.Foo", heap.typeName(foo));
            }
            for (int i = 1; i < foos.length; i++) {
                assertTrue(foos[i - 1] < foos[i], "ascending");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "JAVA PROFILE 9.9.9", "GIF89a", "JAVA PROFILE 1.0.2"})
    void aBadHeaderFailsAtByteZeroOrWhereTheHeaderEnds(String start) throws IOException {
        byte[] bytes = start.equals("JAVA PROFILE 1.0.2") ? Arrays.copyOf((start + "\0").getBytes(), 22)
                : (start + (start.isEmpty() ? "" : "\0") + "rest of a file that is not a dump").getBytes();
        Path file = write(bytes);
        DumpFormatException e = assertThrows(DumpFormatException.class,
                () -> HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("(at byte "), e.getMessage());
        assertTrue(e.position() >= 0 && e.position() <= bytes.length);
    }

    @Test
    void anIdentifierSizeOtherThanFourOrEightIsRefused() throws IOException {
        Path file = write(new HprofBuilder("JAVA PROFILE 1.0.2", 5).bytes());
        DumpFormatException e = assertThrows(DumpFormatException.class,
                () -> HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE));
        assertEquals(19, e.position());
        assertTrue(e.reason().contains("identifier size 5"));
    }

    @Test
    void randomGarbageAfterAValidHeaderNeverEscapesAsAnotherException() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(2000)];
            random.nextBytes(garbage);
            byte[] header = HprofBuilder.hotspot().bytes();
            byte[] bytes = Arrays.copyOf(header, header.length + garbage.length);
            System.arraycopy(garbage, 0, bytes, header.length, garbage.length);
            Path file = write(bytes);
            try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
                analyse(heap, new TargetQuery.ClassName("java.lang.Object", false));
            } catch (DumpFormatException expected) {
                assertTrue(expected.position() <= bytes.length);
            }
            Files.delete(file);
        }
    }

    @Test
    void aFileCutAnywhereIsReadUpToTheCutAndMarkedIncomplete() throws IOException {
        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        int[] cuts = {40, 1000, whole.length / 3, whole.length / 2, whole.length - 100, whole.length - 9,
            whole.length - 1, HprofRecords.firstHeapDumpRecord(whole)};
        for (int cut : cuts) {
            Path file = write(Arrays.copyOf(whole, cut));
            try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
                assertFalse(heap.complete(), "cut at " + cut);
                String warning = String.join("; ", heap.warnings());
                assertTrue(warning.matches(".*truncated at byte \\d+.*"), warning);
                analyse(heap, new TargetQuery.ClassName("java.lang.String", false));
            }
        }
    }

    @Test
    void aHeapDumpOfLengthZeroRunsToTheEndOfTheFile() throws IOException {
        Path file = write(fooHeap(HprofBuilder.hotspot()).endHeap(0x0c, 0).bytes());
        try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
            assertFalse(heap.complete());
            assertTrue(heap.warnings().get(0).contains("has length 0"), heap.warnings().toString());
            assertEquals(3, analyse(heap, new TargetQuery.ObjectId(0x2000)).chains().get(0).path().size());
        }
    }

    @Test
    void aHeapDumpWhoseFourByteLengthOverflowedIsReadToItsRealEnd() throws IOException {
        HprofBuilder builder = fooHeap(HprofBuilder.hotspot());
        for (int i = 0; i < 40; i++) {
            builder.instance(0x3000 + 16L * i, FOO, 0x1000);
        }
        byte[] honest = builder.endHeap(0x0c, -1).heapDumpEnd().bytes();
        long realLength = heapLength(honest);
        long wrap = 256;
        assertTrue(realLength > 2 * wrap, "the heap spans several wraps: " + realLength);
        byte[] lying = honest.clone();
        int lengthAt = heapLengthOffset(honest);
        int overflowed = (int) (realLength % wrap);
        lying[lengthAt] = (byte) (overflowed >>> 24);
        lying[lengthAt + 1] = (byte) (overflowed >>> 16);
        lying[lengthAt + 2] = (byte) (overflowed >>> 8);
        lying[lengthAt + 3] = (byte) overflowed;
        Path file = write(lying);
        try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE, 12, wrap)) {
            assertEquals(43, heap.objectCount());
            assertTrue(heap.warnings().stream().anyMatch(w -> w.contains("longer than its 4-byte length")));
            TargetResult foos = analyse(heap, new TargetQuery.ClassName("com.example.Foo", false));
            assertEquals(42, foos.matched(), "the instances past the declared end were read too");
            assertEquals(2, foos.reachable());
        }
    }

    private static int heapLengthOffset(byte[] dump) {
        return heapLengthOffsetOfTag(dump, 0x0c);
    }

    private static long heapLength(byte[] dump) {
        int p = heapLengthOffset(dump);
        return ((dump[p] & 0xffL) << 24) | ((dump[p + 1] & 0xff) << 16) | ((dump[p + 2] & 0xff) << 8) | (dump[p + 3] & 0xff);
    }

    @Test
    void anUnknownSubRecordTagFailsWithItsOffset() throws IOException {
        byte[] bytes = fooHeap(HprofBuilder.hotspot()).rawSub(new byte[] {0x77, 1, 2, 3}).endHeap().bytes();
        Path file = write(bytes);
        DumpFormatException e = assertThrows(DumpFormatException.class,
                () -> HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE));
        assertTrue(e.reason().contains("0x77"), e.reason());
        assertEquals(0x77, bytes[(int) e.position()] & 0xff, "the offset points at the bad tag");
    }

    /** Issue 17: one flipped tag among a real JDK dump's names claimed 1.1 GB and was read as a cut file. */
    @Test
    void anUnknownRecordTagIsDamageWithItsOffsetNotTruncation() throws IOException {
        byte[] bytes = Files.readAllBytes(HeapDumps.leakyLive());
        int at = HprofRecords.recordAtOrAfter(bytes, 120_000);
        bytes[at] = 0;
        java.nio.ByteBuffer.wrap(bytes).putInt(at + 5, 1_100_000_000);
        Path file = write(bytes);
        DumpFormatException e = assertThrows(DumpFormatException.class,
                () -> HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE));
        assertEquals(at, e.position());
        assertTrue(e.reason().contains("unknown record tag 0x00") && e.reason().contains("1,100,000,000 bytes"), e.reason());
    }

    @Test
    void aRecordOfFixedLayoutWithAnotherLengthOrAnOverlongNameIsDamage() throws IOException {
        byte[] honest = fooHeap(HprofBuilder.hotspot()).endHeap().heapDumpEnd().bytes();
        int loadClass = "JAVA PROFILE 1.0.2".length() + 1 + 12;
        while (honest[loadClass] != 0x02) {
            loadClass += 9 + java.nio.ByteBuffer.wrap(honest).getInt(loadClass + 5);
        }
        byte[] longer = honest.clone();
        java.nio.ByteBuffer.wrap(longer).putInt(loadClass + 5, 8 + 2 * 8 + 4);
        Path file = write(longer);
        DumpFormatException e = assertThrows(DumpFormatException.class,
                () -> HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE));
        assertEquals(loadClass, e.position());
        assertTrue(e.reason().contains("tag 0x02 claims 28 bytes where its layout has 24"), e.reason());

        byte[] name = honest.clone();
        int string = "JAVA PROFILE 1.0.2".length() + 1 + 12;
        java.nio.ByteBuffer.wrap(name).putInt(string + 5, 50_000_000);
        Path named = write(name);
        DumpFormatException n = assertThrows(DumpFormatException.class,
                () -> HprofHeap.open(named, CancelSignal.NEVER, ProgressListener.NONE));
        assertEquals(string, n.position());
        assertTrue(n.reason().contains("STRING record claims 50,000,000 bytes"), n.reason());
    }

    @Test
    void aSubRecordThatRunsPastItsSegmentFails() throws IOException {
        HprofBuilder builder = fooHeap(HprofBuilder.hotspot());
        byte[] honest = builder.endHeap(0x1c, -1).heapDumpEnd().bytes();
        byte[] shortened = honest.clone();
        int lengthAt = heapLengthOffsetOfTag(honest, 0x1c);
        shortened[lengthAt + 3] = (byte) (shortened[lengthAt + 3] - 4);
        Path file = write(shortened);
        DumpFormatException e = assertThrows(DumpFormatException.class,
                () -> HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE));
        assertTrue(e.reason().contains("runs past the end"), e.reason());
    }

    private static int heapLengthOffsetOfTag(byte[] dump, int tag) {
        int p = "JAVA PROFILE 1.0.2".length() + 1 + 12;
        while ((dump[p] & 0xff) != tag) {
            int length = ((dump[p + 5] & 0xff) << 24) | ((dump[p + 6] & 0xff) << 16) | ((dump[p + 7] & 0xff) << 8) | (dump[p + 8] & 0xff);
            p += 9 + length;
        }
        return p + 5;
    }

    /** Issue 17: a group held straight from a root showed only the target's class. */
    @Test
    void everyGroupStartsWithItsRootEvenWhenTheRootHoldsTheTargetItself() throws IOException {
        Path file = write(fooHeap(HprofBuilder.hotspot()).instance(0x3000, FOO, 0).jniGlobal(0x3000)
                .endHeap().heapDumpEnd().bytes());
        try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
            List<List<String>> paths = analyse(heap, new TargetQuery.ClassName("com.example.Foo", false)).groups().stream()
                    .map(dev.casebook.core.heap.path.PathGroup::path).toList();
            assertEquals(List.of(
                    List.of("JNI_GLOBAL: JNI global reference to com.example.Foo", "com.example.Foo"),
                    List.of("STICKY_CLASS: Class com.example.Foo", "com.example.Foo static INSTANCE", "com.example.Foo"),
                    List.of("STICKY_CLASS: Class com.example.Foo", "com.example.Foo static INSTANCE", "com.example.Foo next",
                            "com.example.Foo")), paths);
        }
    }

    @Test
    void referencesToMissingIdsAreSkippedAndCounted() throws IOException {
        Path file = write(fooHeap(HprofBuilder.hotspot()).instance(0x4000, FOO, 0xdead0).root(0xff, 0x4000)
                .endHeap().bytes());
        try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
            TargetResult result = analyse(heap, new TargetQuery.ClassName("com.example.Foo", false));
            assertEquals(3, result.reachable());
            assertEquals(1, heap.danglingReferences());
        }
    }

    @Test
    void androidSubRecordsAreReadWithoutConversion() throws IOException {
        HprofBuilder b = new HprofBuilder("JAVA PROFILE 1.0.3", 4)
                .string(NEXT, "next").string(0x12, "app").declareClass(1, FOO, "com.example.Foo")
                .declareClass(2, 0x200, "com.example.Foo[]")
                .startHeap()
                .heapDumpInfo(0x41, 0x12)
                .classDump(FOO, 0, new long[0][], new long[][] {{NEXT, 2}})
                .root(0x89, 0x1000)          // ROOT_INTERNED_STRING
                .root(0x8a, 0x1100)          // ROOT_FINALIZING
                .root(0x8b, 0x1200)          // ROOT_DEBUGGER
                .root(0x8c, 0x1300)          // ROOT_REFERENCE_CLEANUP
                .root(0x8d, 0x1400)          // ROOT_VM_INTERNAL
                .root(0x8e, 0x1500, 7, 2)    // ROOT_JNI_MONITOR: thread serial, stack depth
                .root(0x90, 0x1600)          // ROOT_UNREACHABLE: not a root
                .instance(0x1000, FOO, 0).instance(0x1100, FOO, 0).instance(0x1200, FOO, 0)
                .instance(0x1300, FOO, 0).instance(0x1400, FOO, 0x1700).instance(0x1500, FOO, 0)
                .instance(0x1600, FOO, 0).instance(0x1700, FOO, 0)
                .primitiveArrayNoData(0x1800, 10, 1000)
                .objectArray(0x1900, 0x200, 0x1600)
                .endHeap(0x1c, -1).heapDumpEnd();
        Path file = write(b.bytes());
        try (HprofHeap heap = HprofHeap.open(file, CancelSignal.NEVER, ProgressListener.NONE)) {
            assertTrue(heap.complete());
            TargetResult foos = analyse(heap, new TargetQuery.ClassName("com.example.Foo", false));
            assertEquals(8, foos.matched());
            assertEquals(7, foos.reachable(), "all but the one only ROOT_UNREACHABLE names");
            assertEquals(1, foos.unreachable());
            assertEquals(List.of("com.example.Foo next", "com.example.Foo"), steps(analyse(heap,
                    new TargetQuery.ObjectId(0x1700)).chains().get(0)));
            assertEquals("VM_INTERNAL", analyse(heap, new TargetQuery.ObjectId(0x1700)).chains().get(0).root().kind());
            assertEquals(1, analyse(heap, new TargetQuery.ClassName("int[]", false)).matched());
            assertEquals(1, analyse(heap, new TargetQuery.ClassName("com.example.Foo[]", false)).matched());
        }
    }

    @Test
    void smallMappingWindowsReadExactlyWhatLargeOnesDo() throws IOException {
        Path dump = HeapDumps.leakyLive();
        List<TargetQuery> queries = List.of(new TargetQuery.ClassName("java.lang.String", false),
                new TargetQuery.ClassName("dev.casebook.testing.leaks.LeakyApp$Room", false));
        var options = new NearestRoots.Options(20, false);
        try (HprofHeap large = HprofHeap.open(dump, CancelSignal.NEVER, ProgressListener.NONE);
                HprofHeap small = HprofHeap.open(dump, CancelSignal.NEVER, ProgressListener.NONE, 12,
                        HprofIndexer.LENGTH_WRAP)) {
            assertEquals(large.objectCount(), small.objectCount());
            assertEquals(Targets.analyse(large, queries, options, CancelSignal.NEVER, ProgressListener.NONE),
                    Targets.analyse(small, queries, options, CancelSignal.NEVER, ProgressListener.NONE));
        }
    }
}
