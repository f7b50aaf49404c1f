package dev.casebook.web.jobs;

import static org.hamcrest.Matchers.equalTo;

import dev.casebook.testing.HeapDumps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no room in the queue an upload is refused with 429 and Retry-After, before its body is stored. */
@QuarkusTest
@TestProfile(JobQueueFullTest.NoQueue.class)
class JobQueueFullTest {

    public static final class NoQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("casebook.jobs.queue-size", "0", "casebook.jobs.retry-after-seconds", "7",
                    "casebook.data-dir", "target/casebook-test-data-queue");
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() {
        JobsApi.upload(HeapDumps.leakyLive(), "className=x")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "7")
                .header("Connection", "close")
                .body("context.retryAfterSeconds", equalTo(7));
    }

    @Test
    void aFullQueueRefusesBeforeTheBody() throws java.io.IOException {
        for (String type : new String[] {"application/octet-stream", "multipart/form-data; boundary=b"}) {
            String status = JobsApi.statusLineBeforeTheBody("/v1/jobs", type, 5_000_000);
            org.junit.jupiter.api.Assertions.assertTrue(status.startsWith("HTTP/1.1 429"), type + ": " + status);
        }
    }
}
