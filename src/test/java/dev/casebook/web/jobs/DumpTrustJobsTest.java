package dev.casebook.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.HprofRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a job says about a dump it cannot trust (issue 17): damage fails the job with the offset and what was
 * found there, a cut-off dump is a result marked incomplete, and a dump that yielded nothing is never a success.
 */
@QuarkusTest
class DumpTrustJobsTest {

    private static Path dumpOf(String name, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "trust-dumps"));
        return Files.write(dir.resolve(name), bytes);
    }

    /** Issue 17, 3: the JDK's archived heap is named as such, once per dump, whatever the job asks. */
    @Test
    void aFreshJdkDumpsMissingReferencesAreTheArchivesAndTheSameForEveryQuery() {
        Path dump = HeapDumps.leakyLiveWithCds();
        JsonPath strings = JobsApi.awaitFinal(JobsApi.submit(dump, "className=java.lang.String"));
        JsonPath triage = JobsApi.awaitFinal(JobsApi.submit(dump, "includeWeak=true"));
        assertEquals("succeeded", strings.getString("state"), strings.prettify());
        assertEquals("succeeded", triage.getString("state"), triage.prettify());
        List<String> warnings = strings.getList("result.dump.warnings");
        assertEquals(warnings, triage.getList("result.dump.warnings"));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("class-data-sharing archive")
                && w.contains("nothing the program allocated is missing")), warnings.toString());
        assertTrue(strings.getBoolean("result.dump.complete"));
    }

    /** Issue 17, 2 and 4: one group for a whole cache, each starting with its root. */
    @Test
    void aPythonCacheIsOneGroupThatStartsWithTheModuleHoldingIt() {
        Path dump = dev.casebook.testing.PyheapSnapshots.boundCache("trust-job.pyheap", 3000);
        JsonPath job = JobsApi.awaitFinal(JobsApi.submit(dump, "className=__main__.Room&maxChains=2"));
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertEquals(4, job.getList("result.targets[0].groups").size(), job.prettify());
        assertEquals(List.of("IMPLICIT: globals of module __main__", "dict ['cache']", "dict [*]", "method .__self__",
                "__main__.Room"), job.getList("result.targets[0].groups[0].path"));
        assertEquals(3000, job.getInt("result.targets[0].groups[0].count"));
        assertTrue(job.getString("result.targets[0].chains[0].path[1].edge").matches("\\[\\d+\\]"), job.prettify());

        JsonPath rooms = JobsApi.awaitFinal(JobsApi.submit(HeapDumps.leakyLive(),
                "className=dev.casebook.testing.leaks.LeakyApp$Room"));
        assertEquals("succeeded", rooms.getString("state"), rooms.prettify());
        List<String> shape = rooms.getList("result.targets[0].groups[0].path");
        assertTrue(shape.get(0).startsWith("STICKY_CLASS: Class "), shape.toString());
    }

    @Test
    void aDumpCutBeforeItsObjectsFailsAndSaysWhereInsteadOfBlamingTheClassName() throws IOException {
        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        Path cut = dumpOf("cut-before-objects.hprof", Arrays.copyOf(whole, HprofRecords.firstHeapDumpRecord(whole) + 3000));
        JsonPath job = JobsApi.awaitFinal(JobsApi.submit(cut, "className=java.lang.String"));
        assertEquals("failed", job.getString("state"), job.prettify());
        assertEquals("The dump cannot be read", job.getString("error.title"));
        String detail = job.getString("error.detail");
        assertTrue(detail.startsWith("the dump holds no heap objects") && detail.matches(".*at byte \\d+.*"), detail);
        assertFalse(detail.contains("binary name"), detail);
    }

    @Test
    void aFlippedRecordTagClaimingAGigabyteIsDamageWithItsOffsetNotATruncation() throws IOException {
        byte[] bytes = Files.readAllBytes(HeapDumps.leakyLive());
        int at = HprofRecords.recordAtOrAfter(bytes, 120_000);
        bytes[at] = 0;
        ByteBuffer.wrap(bytes).putInt(at + 5, 1_100_000_000);
        JsonPath job = JobsApi.awaitFinal(JobsApi.submit(dumpOf("flipped-tag.hprof", bytes), "className=java.lang.String"));
        assertEquals("failed", job.getString("state"), job.prettify());
        String detail = job.getString("error.detail");
        assertTrue(detail.contains("unknown record tag 0x00 (claiming 1,100,000,000 bytes)"), detail);
        assertTrue(detail.endsWith("(at byte " + at + ")"), detail);
    }

    @Test
    void aDumpCutAmongItsObjectsIsAnIncompleteResultThatBlamesTheCutNotTheTarget() throws IOException {
        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        Path cut = dumpOf("cut-among-objects.hprof", Arrays.copyOf(whole, whole.length * 3 / 4));
        JsonPath job = JobsApi.awaitFinal(JobsApi.submit(cut, "className=com.example.NotInThisDump"
                + "&className=java.lang.Object[]"));
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertFalse(job.getBoolean("result.dump.complete"));
        List<String> warnings = job.getList("result.dump.warnings");
        assertTrue(warnings.stream().anyMatch(w -> w.matches("the dump is truncated at byte \\d+, inside .*")), warnings.toString());
        assertTrue(job.getLong("result.heap.objects") > job.getLong("result.dump.classes"));
        String summary = job.getString("result.targets[0].summary");
        assertTrue(summary.contains("cut off") && !summary.contains("binary name"), summary);
        // What the part that is gone held cannot be called garbage, nor its missing objects "not written".
        String arrays = job.getString("result.targets[1].summary");
        assertTrue(job.getInt("result.targets[1].unreachable") > 0, arrays);
        assertTrue(arrays.contains("reached from no root in the part of the dump that could be read") && !arrays.contains("garbage"),
                arrays);
        String missing = warnings.stream().filter(w -> w.contains("references name ids")).findFirst().orElseThrow(
                () -> new AssertionError("a dump cut among its objects has references to the part that is gone: " + warnings));
        assertTrue(missing.contains("most likely in the part of the file that was cut off"), missing);
    }
}
