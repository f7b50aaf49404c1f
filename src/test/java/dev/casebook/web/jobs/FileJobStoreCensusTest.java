package dev.casebook.web.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The census is kept with its job like the dominator tree: read back as written, after a restart too, and gone
 * with the job's data (a cancel) or with the job (a delete, the retention's purge).
 */
class FileJobStoreCensusTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path data;

    private static JobRecord record(String id) {
        return new JobRecord(id, "local", JobState.SUCCEEDED, "hprof",
                new JobQuery(List.of(), List.of(), false, 2, "auto", false, null, null), 1, false, Instant.ofEpochSecond(100),
                Instant.ofEpochSecond(101), Instant.ofEpochSecond(102), null, null, 1);
    }

    @Test
    void theCensusIsKeptWithItsJobAndGoesWithIt() throws Exception {
        FileJobStore store = new FileJobStore(data, mapper);
        byte[] census = {1, 2, 3, 4};
        for (String id : List.of("a", "b")) {
            StoredJobs.create(store, record(id));
            assertEquals(Optional.empty(), store.census(id));
            store.saveCensus(id, census);
        }
        FileJobStore reopened = new FileJobStore(data, mapper);
        assertArrayEquals(census, reopened.census("a").orElseThrow());

        reopened.deleteData("a");
        assertEquals(Optional.empty(), reopened.census("a"));
        assertTrue(reopened.find("a").isPresent(), "the record stays");
        reopened.delete("b");
        assertEquals(Optional.empty(), reopened.census("b"));
        assertTrue(Files.notExists(data.resolve("jobs").resolve("b")));
    }
}
