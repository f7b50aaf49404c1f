package dev.casebook.web.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The jobs on /q/metrics: queue depth, running jobs, finished jobs by state and format, analysis time, bytes. */
@QuarkusTest
class JobMetricsTest {

    private static final String SUCCEEDED = "{format=\"hprof\",state=\"succeeded\"}";

    @Test
    void aFinishedJobIsCountedWithItsAnalysisAndItsBytes() throws IOException {
        String before = metrics();
        JsonPath job = JobsApi.awaitFinal(JobsApi.submit(HeapDumps.leakyLive(), "className=x"));
        assertEquals("succeeded", job.getString("state"), job.prettify());
        String after = metrics();
        assertEquals(1, value(after, "casebook_jobs_finished_total" + SUCCEEDED) - value(before, "casebook_jobs_finished_total" + SUCCEEDED));
        assertEquals(1, value(after, "casebook_jobs_analysis_seconds_count" + SUCCEEDED)
                - value(before, "casebook_jobs_analysis_seconds_count" + SUCCEEDED));
        assertTrue(value(after, "casebook_jobs_analysis_seconds_sum" + SUCCEEDED) > value(before, "casebook_jobs_analysis_seconds_sum" + SUCCEEDED));
        assertEquals(Files.size(HeapDumps.leakyLive()), value(after, "casebook_jobs_analysed_bytes_total{format=\"hprof\"}")
                - value(before, "casebook_jobs_analysed_bytes_total{format=\"hprof\"}"));
        assertEquals(0, value(after, "casebook_jobs_running"));
        assertEquals(0, value(after, "casebook_jobs_queued"));
    }

    @Test
    void aCancelledJobIsCountedAsCancelled() {
        String before = metrics();
        String cancelled = "{format=\"hprof\",state=\"cancelled\"}";
        String id = JobsApi.submit(HeapDumps.leakyLive(), "className=x");
        given().delete("/v1/jobs/" + id).then().statusCode(204);
        String state = JobsApi.awaitFinal(id).getString("state");
        double counted = value(metrics(), "casebook_jobs_finished_total" + cancelled) - value(before, "casebook_jobs_finished_total" + cancelled);
        // The worker may have finished it before the DELETE arrived; then it is a success, not a cancellation.
        assertEquals(state.equals("cancelled") ? 1 : 0, counted, state);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** A series' value, 0 when it does not exist yet. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(0.0);
    }
}
