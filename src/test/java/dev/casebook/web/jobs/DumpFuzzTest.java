package dev.casebook.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.core.heap.graph.DumpFormatException;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PyheapSnapshots;
import dev.casebook.testing.TestDumps;
import dev.casebook.testing.fuzz.FuzzRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every parser that sees the bytes of an upload, fed damaged real dumps: the gzip intake, the HPROF
 * reader and the pyheap reader, each through the job's own entry point with its path search. The only
 * outcomes allowed are a result or the typed error (DumpFormatException with its offset or line, a 4xx
 * problem at intake), each within a bounded time and memory. The CI budget is fixed and seeded; a long
 * run: ./mvnw test -Dtest=DumpFuzzTest -Dfuzz.iterations=20000 (README, Fuzzing).
 */
class DumpFuzzTest {

    private static final long LIMIT_SECONDS = 20;

    @TempDir
    Path tmp;

    private String analyse(byte[] input, String format, JobQuery query) throws IOException {
        Path file = Files.write(tmp.resolve("mutant." + format), input);
        long deadline = System.nanoTime() + (LIMIT_SECONDS - 2) * 1_000_000_000L;
        try {
            JobResult result = HeapAnalysis.run(file, format, query, () -> System.nanoTime() > deadline, ProgressListener.NONE).result();
            // Damage read as "nothing there" is the one outcome worse than an error: every target then misses.
            if (result.dump().objects() <= result.dump().classes()) {
                throw new AssertionError("succeeded with no heap objects: " + result.dump());
            }
            for (JobResult.Target target : result.targets()) {
                if (!result.dump().complete() && target.summary().contains("check the class's binary name")) {
                    throw new AssertionError("a cut dump blamed the target: " + target.summary());
                }
            }
            return result.dump().complete() ? "result" : "result (incomplete)";
        } catch (DumpFormatException e) {
            if (e.position() < 0 || e.reason().isBlank()) {
                throw new AssertionError("a typed error without its place: " + e.getMessage());
            }
            return "DumpFormatException";
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Offsets of an HPROF file's id size and of every top-level record's length field. */
    static int[] hprofLengthFields(byte[] dump) {
        List<Integer> hot = new ArrayList<>();
        int header = 0;
        while (dump[header] != 0) {
            header++;
        }
        hot.add(header + 1);
        ByteBuffer b = ByteBuffer.wrap(dump);
        int at = header + 1 + 4 + 8;
        while (at + 9 <= dump.length) {
            hot.add(at + 5);
            long length = b.getInt(at + 5) & 0xFFFF_FFFFL;
            at += 9 + (int) Math.min(length, dump.length);
        }
        return hot.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void damagedHprofDumpsGiveAResultOrTheirOffset() throws IOException {
        JobQuery query = new JobQuery(List.of(), List.of("java.lang.String", "java.lang.Thread", "java.util.HashMap"), false, 3, "hprof", false, null, null);
        List<FuzzRun> runs = new ArrayList<>();
        for (String name : List.of("slurp_hprof-32.hprof", "mat_sun_jdk6_31_hprofagent_compressedOops.hprof", "slurp_hprof-64.hprof")) {
            byte[] seed = Files.readAllBytes(TestDumps.path(name));
            runs.add(new FuzzRun("hprof-" + name).run(seed, hprofLengthFields(seed), FuzzRun.iterations(150), LIMIT_SECONDS,
                    input -> analyse(input, "hprof", query)));
        }
        report(runs);
    }

    /**
     * Issue 17: a JDK 17 dump cut anywhere, or with bits flipped anywhere, is a result with objects in it
     * or the typed error, never a success with nothing in it. Cuts every 1/40 of the file (names, classes and
     * objects alike), and 30 copies with 50 random bit flips each.
     */
    @Test
    void cutAndBitFlippedJdkDumpsNeverSucceedEmpty() throws IOException {
        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        JobQuery query = new JobQuery(List.of(), List.of("java.lang.String"), false, 1, "hprof", false, null, null);
        List<String> findings = new ArrayList<>();
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int i = 1; i < 40; i++) {
            int cut = (int) ((long) whole.length * i / 40);
            check(() -> analyse(java.util.Arrays.copyOf(whole, cut), "hprof", query), "cut at " + cut, findings, outcomes);
        }
        java.util.Random random = new java.util.Random(17);
        for (int copy = 0; copy < 30; copy++) {
            byte[] flipped = whole.clone();
            for (int f = 0; f < 50; f++) {
                int at = 32 + random.nextInt(flipped.length - 32);
                flipped[at] ^= (byte) (1 << random.nextInt(8));
            }
            int n = copy;
            check(() -> analyse(flipped, "hprof", query), "flips #" + n, findings, outcomes);
        }
        System.out.println("cut and flipped JDK dumps: " + outcomes);
        assertEquals(List.of(), findings);
    }

    private interface Analysis {
        String run() throws IOException;
    }

    private static void check(Analysis analysis, String what, List<String> findings, java.util.Map<String, Integer> outcomes)
            throws IOException {
        try {
            outcomes.merge(analysis.run(), 1, Integer::sum);
        } catch (AssertionError e) {
            findings.add(what + ": " + e.getMessage());
        }
    }

    @Test
    void damagedPyheapSnapshotsGiveAResultOrTheirLine() throws IOException {
        byte[] seed;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(PyheapSnapshots.leaks()))) {
            seed = in.readAllBytes();
        }
        // The snapshot's first lines (header, first objects) are where lengths and kinds are declared.
        int[] hot = new int[64];
        for (int i = 0, line = 0; i < seed.length && line < hot.length; i++) {
            if (seed[i] == '\n') {
                hot[line++] = i + 1;
            }
        }
        JobQuery query = new JobQuery(List.of(), List.of(), false, 3, "pyheap", false, null, null);
        report(List.of(new FuzzRun("pyheap").run(seed, hot, FuzzRun.iterations(60), LIMIT_SECONDS,
                input -> analyse(input, "pyheap", query))));
    }

    @Test
    void damagedGzipUploadsAreStoredOrRefusedWith4xxAndLeaveNothingBehind() throws IOException {
        byte[] dump = Files.readAllBytes(TestDumps.path("slurp_hprof-32.hprof"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(dump);
        }
        FileJobStore store = new FileJobStore(tmp.resolve("data"), new ObjectMapper());
        // An inflated cap a little over the real size: a flipped length or a repeated block may run past it.
        DumpIntake intake = new DumpIntake(store, new DumpIntake.Limits(64L << 20, dump.length + 4096L, 0));
        FuzzRun run = new FuzzRun("gzip").run(gz.toByteArray(), new int[] {0, 1, 2, 3, 4, 8, 9}, FuzzRun.iterations(300), LIMIT_SECONDS,
                input -> {
                    try {
                        DumpIntake.Intake stored = intake.receive(new ByteArrayInputStream(input), false, input.length);
                        stored.upload().close();
                        return "stored " + stored.format();
                    } catch (BadUploadException | UploadTooLargeException e) {
                        // The refusals a damaged gzip may earn (400 and 413); a disk-full one would be a 507.
                        return e.getClass().getSimpleName();
                    }
                });
        report(List.of(run));
        try (var left = Files.list(tmp.resolve("data").resolve("uploads"))) {
            assertEquals(List.of(), left.toList(), "a refused upload leaves no file");
        }
    }

    static void report(List<FuzzRun> runs) {
        List<String> findings = new ArrayList<>();
        for (FuzzRun run : runs) {
            System.out.println(run.summary());
            run.findings().forEach(f -> findings.add(run.summary().replaceAll(":.*", "") + " " + f));
            assertTrue(run.tried() > 0);
        }
        assertEquals(List.of(), findings, "inputs that led to neither a result nor the typed error (saved in target/fuzz-findings)");
    }
}
