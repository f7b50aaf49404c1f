package dev.casebook.web.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PackagedService;
import dev.casebook.testing.SlowUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL mid-upload and mid-analysis, then started again on the
 * same data: every job it had accepted reaches a final state, and no file is left behind.
 */
class CrashSafetyIT {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";

    @Test
    void killedMidUploadAndMidAnalysisEveryAcceptedJobEndsAndNothingIsLeft() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "it-crash");
        Path big = HeapDumps.leakyLive(200_000);

        // 1. Killed while a 36 MB upload is a third of the way in.
        PackagedService first = PackagedService.start(data);
        AtomicLong sent = new AtomicLong();
        Thread upload = new Thread(() -> SlowUpload.post(first.baseUri() + "/v1/jobs?className=" + ROOM, big, sent));
        upload.start();
        while (sent.get() < Files.size(big) / 3 && upload.isAlive()) {
            Thread.sleep(5);
        }
        assertTrue(upload.isAlive(), "the upload was still under way");
        assertFalse(files(data.resolve("uploads")).isEmpty(), "its part was on disk when the service died");
        first.kill();
        upload.join(30_000);

        // 2. Started again: the half upload is gone and was never a job. Three jobs are accepted; killed
        //    while the first of them is being analysed.
        List<String> accepted = new ArrayList<>();
        PackagedService second = PackagedService.start(data);
        try {
            assertEquals(List.of(), given().baseUri(second.baseUri()).get("/v1/jobs").then().statusCode(200).extract().jsonPath().getList("id"));
            assertEquals(List.of(), files(data.resolve("uploads")), "the half upload was removed at start");
            for (int i = 0; i < 3; i++) {
                accepted.add(given().baseUri(second.baseUri()).contentType("application/octet-stream").body(big.toFile())
                        .post("/v1/jobs?className=" + ROOM).then().statusCode(202).extract().jsonPath().getString("id"));
            }
            String running = null;
            for (int i = 0; i < 2000 && running == null; i++) {
                for (String id : accepted) {
                    if ("running".equals(given().baseUri(second.baseUri()).get("/v1/jobs/" + id).jsonPath().getString("state"))) {
                        running = id;
                        break;
                    }
                }
            }
            assertTrue(running != null, "a job was seen running");
        } finally {
            second.kill();
        }

        // 3. Started again: each accepted job ends, the interrupted one is run again, nothing is left over.
        try (PackagedService third = PackagedService.start(data)) {
            for (String id : accepted) {
                String state = third.awaitFinal(id);
                assertEquals("succeeded", state, id);
                assertEquals(200_000, given().baseUri(third.baseUri()).get("/v1/jobs/" + id).jsonPath().getInt("result.targets[0].reachable"));
            }
            assertTrue(third.log().contains("was running when the service stopped; it runs again"), third.log());
            assertEquals(List.of(), files(data.resolve("uploads")));
            try (Stream<Path> jobs = Files.list(data.resolve("jobs"))) {
                List<Path> dirs = jobs.toList();
                assertEquals(accepted.size(), dirs.size(), "one directory per accepted job, no orphan");
                for (Path dir : dirs) {
                    assertEquals(List.of("census", "dominators", "job.json", "result.json"), files(dir),
                            "record, result, kept dominator tree and census only: the dump went when the job ended");
                }
            }
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
