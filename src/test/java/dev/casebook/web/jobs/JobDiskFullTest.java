package dev.casebook.web.jobs;

import static org.hamcrest.Matchers.containsString;

import dev.casebook.testing.HeapDumps;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the dump would eat into the disk reserve, the upload is refused with 507. */
@QuarkusTest
@TestProfile(JobDiskFullTest.HugeReserve.class)
class JobDiskFullTest {

    public static final class HugeReserve implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("casebook.jobs.min-free-disk", "1000000G", "casebook.data-dir", "target/casebook-test-data-disk");
        }
    }

    @Test
    void noRoomForTheDumpAnswers507() {
        JobsApi.upload(HeapDumps.leakyLive(), "className=x")
                .then().statusCode(507).contentType("application/problem+json")
                .body("detail", containsString("casebook.jobs.min-free-disk"));
    }
}
