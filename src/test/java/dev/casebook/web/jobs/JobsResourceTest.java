package dev.casebook.web.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PyheapSnapshots;
import dev.casebook.testing.TestDumps;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class JobsResourceTest {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private static final Path DATA = Path.of("target", "casebook-test-data", "jobs");

    @TempDir
    Path tmp;

    @Test
    void anOctetStreamUploadIsQueuedAnalysedAndAnswered() {
        Response accepted = JobsApi.upload(HeapDumps.leakyLive(), "className=" + ROOM + "&maxChains=3");
        accepted.then().statusCode(202)
                .header("Location", startsWith("/v1/jobs/"))
                .body("state", equalTo("queued"))
                .body("format", equalTo("hprof"))
                .body("query.className[0]", equalTo(ROOM));
        String id = accepted.jsonPath().getString("id");
        assertEquals("/v1/jobs/" + id, accepted.header("Location"));
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertEquals("done", job.getString("progress.phase"));
        assertTrue(job.getString("startedAt").compareTo(job.getString("createdAt")) >= 0);
        assertTrue(job.getString("finishedAt").compareTo(job.getString("startedAt")) >= 0);
        assertEquals("hprof", job.getString("result.dump.format"));
        assertTrue(job.getBoolean("result.dump.complete"));
        assertEquals(Map.of("className", ROOM), job.getMap("result.targets[0].query"));
        assertEquals(50, job.getInt("result.targets[0].matched"));
        assertEquals(50, job.getInt("result.targets[0].reachable"));
        assertEquals(3, job.getList("result.targets[0].chains").size());
        List<Map<String, String>> path = job.getList("result.targets[0].chains[0].path");
        assertEquals(ROOM, path.get(path.size() - 1).get("type"));
        assertFalse(path.get(path.size() - 1).containsKey("edge"), "the target has no edge");
        assertEquals("value", path.get(path.size() - 2).get("edge"));
        assertTrue(path.get(0).get("id").startsWith("0x"));
        assertFalse(job.getString("result.targets[0].chains[0].root.kind").isEmpty());
        List<Integer> counts = job.getList("result.targets[0].groups.count");
        assertEquals(50, counts.stream().mapToInt(Integer::intValue).sum());
        assertTrue(job.getString("result.targets[0].summary").startsWith("50 instances"));
    }

    @Test
    void aMultipartUploadOfAGzipDumpWithObjectIdTargetsIsAnswered() throws IOException {
        Path gz = JobsApi.gzip(HeapDumps.leakyLive(), tmp.resolve("leaky.hprof.gz"));
        String id = given().multiPart("dump", gz.toFile(), "application/octet-stream")
                .multiPart("className", "dev.casebook.testing.leaks.LeakyApp$Screen")
                .multiPart("className", "dev.casebook.testing.leaks.LeakyApp$Softling")
                .multiPart("includeWeak", "true")
                .when().post("/v1/jobs")
                .then().statusCode(202).body("compressed", equalTo(true)).extract().jsonPath().getString("id");
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertEquals(Files.size(HeapDumps.leakyLive()), job.getLong("dumpBytes"), "stored inflated");
        assertEquals("dev.casebook.testing.leaks.LeakyApp$Screen$Listener",
                job.getString("result.targets[0].chains[0].path[-2].type"));
        assertEquals("this$0", job.getString("result.targets[0].chains[0].path[-2].edge"));
        assertEquals("referent", job.getString("result.targets[1].chains[0].path[-2].edge"), "includeWeak lets weak links in");
        String screenId = job.getString("result.targets[0].chains[0].path[-1].id");

        JsonPath byId = JobsApi.awaitFinal(JobsApi.submit(HeapDumps.leakyLive(), "objectId=" + screenId));
        assertEquals(screenId, byId.getString("result.targets[0].query.objectId"));
        assertEquals(1, byId.getInt("result.targets[0].matched"));
        long decimal = Long.parseUnsignedLong(screenId.substring(2), 16);
        JsonPath byDecimal = JobsApi.awaitFinal(JobsApi.submit(HeapDumps.leakyLive(), "objectId=" + decimal));
        assertEquals(byId.getList("result.targets[0].chains"), byDecimal.getList("result.targets[0].chains"));
    }

    @Test
    void contentEncodingGzipIsInflatedToo() throws IOException {
        Path gz = JobsApi.gzip(HeapDumps.leakyLive(), tmp.resolve("leaky.gz"));
        String id = given().contentType("application/octet-stream").header("Content-Encoding", "gzip").body(gz.toFile())
                .when().post("/v1/jobs?className=" + ROOM).then().statusCode(202).extract().jsonPath().getString("id");
        assertEquals(50, JobsApi.awaitFinal(id).getInt("result.targets[0].reachable"));
    }

    @Test
    void aDecompressionBombWithinTheCapIsAnalysed() {
        // 0.9 MB that inflates to 523 MB; the test profile's cap (600M) lets it through.
        String id = JobsApi.submit(TestDumps.path("mat_java_pid1884.0001.hprof.gz"), "className=java.lang.Thread");
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertTrue(job.getLong("dumpBytes") > 500_000_000L);
        assertTrue(job.getInt("result.targets[0].reachable") > 0);
        given().when().delete("/v1/jobs/" + id).then().statusCode(204);
        assertFalse(Files.exists(DATA.resolve(id)), "deleting removes the 523 MB at once");
    }

    @Test
    void classNamesAsPeopleWriteThemAreReadAsTheDumpsClassesAndSubclassesCountToo() {
        String app = "dev.casebook.testing.leaks.LeakyApp";
        String id = JobsApi.submit(HeapDumps.leakyLive(),
                "className=" + app + ".Room&className=Rooom&className=java.lang.Thread&subclasses=true&maxChains=1");
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertTrue(job.getBoolean("query.subclasses"));
        assertEquals(50, job.getInt("result.targets[0].matched"));
        assertEquals(List.of(ROOM), job.getList("result.targets[0].classes"));
        assertTrue(job.getString("result.targets[0].summary").startsWith("50 instances of " + ROOM + ": "),
                job.getString("result.targets[0].summary"));
        assertEquals(0, job.getInt("result.targets[1].matched"));
        assertEquals(ROOM, job.getString("result.targets[1].similarClasses[0]"));
        assertEquals(List.of(), job.getList("result.targets[1].classes"));
        assertTrue(job.getString("result.targets[1].summary").startsWith("No class named Rooom in the dump. Similar names: "
                + ROOM), job.getString("result.targets[1].summary"));
        assertEquals(Map.of("className", "java.lang.Thread", "subclasses", "true"), job.getMap("result.targets[2].query"));
        List<String> threads = job.getList("result.targets[2].classes");
        assertTrue(threads.containsAll(List.of("java.lang.Thread", app + "$Worker", app + "$Keeper")), threads.toString());
        assertEquals(threads.size(), job.getInt("result.targets[2].classCount"));
        assertTrue(job.getString("result.targets[2].summary").contains("classes (java.lang.Thread and its subclasses)"),
                job.getString("result.targets[2].summary"));
        JobsApi.upload(HeapDumps.leakyLive(), "className=Room&subclasses=maybe").then().statusCode(400)
                .body("errors.field", equalTo(List.of("subclasses")));
    }

    @Test
    void requestsWithBadParametersAreRefused() {
        JobsApi.upload(HeapDumps.leakyLive(), "objectId=0xZZ&maxChains=-1&format=png&includeWeak=maybe"
                + "&histogramLimit=many&suspectThreshold=0").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("objectId", "maxChains", "format", "includeWeak", "histogramLimit",
                        "suspectThreshold")));
        JobsApi.upload(HeapDumps.leakyLive(), "histogramLimit=10001&suspectThreshold=100.5").then().statusCode(400)
                .body("errors.field", equalTo(List.of("histogramLimit", "suspectThreshold")))
                .body("detail", containsString("histogramLimit: must be between 0 and 10000"));
        given().multiPart("className", ROOM).when().post("/v1/jobs").then().statusCode(400)
                .body("detail", containsString("\"dump\""));
    }

    @Test
    void unknownParametersAndFieldsAreRefusedByName() {
        JobsApi.upload(HeapDumps.leakyLive(), "className=" + ROOM + "&maxChain=1&Format=hprof").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("maxChain", "Format")))
                .body("detail", containsString("maxChain: unknown query parameter; the query parameters are objectId, className,"));
        JobsApi.upload(HeapDumps.leakyLive(), "maxChains=1&maxChains=2").then().statusCode(400)
                .body("errors.field", equalTo(List.of("maxChains"))).body("detail", containsString("given more than once"));
        given().multiPart("dump", HeapDumps.leakyLive().toFile(), "application/octet-stream")
                .multiPart("className", ROOM).multiPart("maxChain", "1").multiPart("format", "png")
                .when().post("/v1/jobs").then().statusCode(400)
                .body("errors.field", equalTo(List.of("maxChain", "format")))
                .body("detail", containsString("maxChain: unknown form field; the form fields are objectId,"));
        given().multiPart("dump", HeapDumps.leakyLive().toFile(), "application/octet-stream")
                .when().post("/v1/jobs?className=" + ROOM).then().statusCode(400)
                .body("errors.field", equalTo(List.of("className")))
                .body("detail", containsString("form fields (curl -F className=...)"));
    }

    @Test
    void whatTheHeadersAloneCanRefuseIsRefusedBeforeTheBody() throws IOException {
        assertTrue(JobsApi.statusLineBeforeTheBody("/v1/jobs?maxChain=1", "application/octet-stream", 5_000_000)
                .startsWith("HTTP/1.1 400"));
        assertTrue(JobsApi.statusLineBeforeTheBody("/v1/jobs/?objectId=0xZZ", "application/octet-stream", 5_000_000)
                .startsWith("HTTP/1.1 400"));
        assertTrue(JobsApi.statusLineBeforeTheBody("/v1/jobs?className=x", "multipart/form-data; boundary=b", 5_000_000)
                .startsWith("HTTP/1.1 400"));
    }

    @Test
    void aDumpOfAnotherFormatThanAskedSaysWhatItIs() throws IOException {
        JobsApi.upload(HeapDumps.leakyLive(), "format=pyheap").then().statusCode(415)
                .body("detail", startsWith("format=pyheap was asked for, but the upload is an HPROF heap dump; send format=hprof"));
        JobsApi.upload(PyheapSnapshots.leaks(), "format=hprof").then().statusCode(415)
                .body("detail", startsWith("format=hprof was asked for, but the upload is a pyheap snapshot; send format=pyheap"));
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a dump at all");
        JobsApi.upload(text, "").then().statusCode(415)
                .body("detail", startsWith("the upload is not a heap dump Casebook reads; send an HPROF heap dump"));
    }

    @Test
    void aPythonSnapshotIsAnalysedAsAJobWithImplicitRoots() {
        // The six leaks of pyheap.md, written by a real python3 with pyheap.py, asked for in one job.
        Response accepted = JobsApi.upload(PyheapSnapshots.leaks(), "className=__main__.Leaky&className=Closure"
                + "&className=Session&className=FromC&className=Job&className=AtExit");
        accepted.then().statusCode(202).body("format", equalTo("pyheap"));
        JsonPath job = JobsApi.awaitFinal(accepted.jsonPath().getString("id"));
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertEquals("pyheap", job.getString("result.dump.format"));
        for (int t = 0; t < 6; t++) {
            assertEquals(1, job.getInt("result.targets[" + t + "].reachable"), job.getString("result.targets[" + t + "].query"));
            assertEquals("IMPLICIT", job.getString("result.targets[" + t + "].chains[0].root.kind"));
        }
        assertEquals(List.of("dict ['CACHE']", "list [0]", "method .__self__", "__main__.Leaky"), tail(job, 0, 4));
        assertEquals(List.of("dict ['on_close']", "function .__closure__", "tuple [0]", "cell .cell_contents",
                "__main__.Closure"), tail(job, 1, 5));
        assertEquals("__main__.Session", tail(job, 2, 1).get(0));
        assertEquals(List.of("__main__.FromC"), tail(job, 3, 1));
        assertTrue(job.getString("result.targets[3].chains[0].root.description").contains("held from outside: 1"));
        assertTrue(job.getString("result.targets[4].chains[0].root.description").startsWith("local 'victim' in thread worker-1"),
                job.getString("result.targets[4].chains[0].root.description"));
        assertEquals(List.of("method .__self__", "__main__.AtExit"), tail(job, 5, 2));
    }

    /** The last {@code n} steps of a target's first chain, as "type edge". */
    private static List<String> tail(JsonPath job, int target, int n) {
        List<Map<String, String>> path = job.getList("result.targets[" + target + "].chains[0].path");
        return path.subList(path.size() - n, path.size()).stream()
                .map(s -> s.get("type") + (s.get("edge") == null ? "" : " " + s.get("edge"))).toList();
    }

    @Test
    void aDumpSentWithoutItsContentTypeIsToldHowToSendIt() {
        given().contentType("application/x-www-form-urlencoded").body("JAVA PROFILE 1.0.2")
                .when().post("/v1/jobs?className=x")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("application/octet-stream"))
                .body("detail", containsString("-F dump=@app.hprof"));
    }

    @Test
    void somethingThatIsNotAHeapDumpIsRefusedAndLeavesNothingBehind() throws IOException {
        long before = jobDirectories();
        Path text = Files.writeString(tmp.resolve("notes.txt"), "these are not the bytes you are looking for");
        JobsApi.upload(text, "className=x").then().statusCode(415).body("detail", containsString("JAVA PROFILE"));
        Path empty = Files.createFile(tmp.resolve("empty"));
        JobsApi.upload(empty, "className=x").then().statusCode(400).body("detail", containsString("empty"));
        Path corrupt = Files.write(tmp.resolve("corrupt.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5});
        JobsApi.upload(corrupt, "className=x").then().statusCode(400).body("detail", containsString("gzip"));
        assertEquals(before, jobDirectories());
        try (var uploads = Files.list(Path.of("target", "casebook-test-data", "uploads"))) {
            assertEquals(List.of(), uploads.filter(p -> p.toString().endsWith(".part")).toList(), "no partial upload");
        }
    }

    private static long jobDirectories() throws IOException {
        try (var dirs = Files.list(DATA)) {
            return dirs.count();
        }
    }

    @Test
    void anUploadCutOffMidwayLeavesNoFileAndNoJob() throws Exception {
        long jobsBefore = jobDirectories();
        int listedBefore = given().when().get("/v1/jobs").jsonPath().getList("id").size();
        byte[] dump = Files.readAllBytes(HeapDumps.leakyLive());
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            var out = socket.getOutputStream();
            out.write(("POST /v1/jobs?className=x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + dump.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(dump, 0, dump.length / 2);
            out.flush();
            Thread.sleep(300);
        }
        // The server notices the closed connection, deletes what it wrote and creates no job.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && uploadsInProgress() > 0) {
            Thread.sleep(50);
        }
        assertEquals(0, uploadsInProgress());
        assertEquals(jobsBefore, jobDirectories());
        assertEquals(listedBefore, given().when().get("/v1/jobs").jsonPath().getList("id").size());
    }

    private static long uploadsInProgress() throws IOException {
        try (var uploads = Files.list(Path.of("target", "casebook-test-data", "uploads"))) {
            return uploads.count();
        }
    }

    @Test
    void aDamagedDumpFailsWithTheReasonAndTheOffset() throws IOException {
        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        byte[] damaged = Arrays.copyOf(whole, 200_000);
        damaged[150_000] = 0x77;
        for (int i = 150_001; i < damaged.length; i++) {
            damaged[i] = (byte) i;
        }
        Path file = Files.write(tmp.resolve("damaged.hprof"), damaged);
        JsonPath job = JobsApi.awaitFinal(JobsApi.submit(file, "className=" + ROOM));
        if (job.getString("state").equals("failed")) {
            assertEquals("The dump cannot be read", job.getString("error.title"));
            assertTrue(job.getString("error.detail").matches(".*\\(at byte \\d+\\)"), job.getString("error.detail"));
        } else {
            assertEquals("succeeded", job.getString("state"));
            assertFalse(job.getBoolean("result.dump.complete"), "a cut dump is marked incomplete");
        }
        JsonPath cut = JobsApi.awaitFinal(JobsApi.submit(Files.write(tmp.resolve("cut.hprof"),
                Arrays.copyOf(whole, whole.length / 2)), "className=" + ROOM));
        assertEquals("succeeded", cut.getString("state"));
        assertFalse(cut.getBoolean("result.dump.complete"));
        assertTrue(cut.getString("result.dump.warnings[0]").contains("truncated"), cut.prettify());
    }

    @Test
    void listingIsNewestFirstAndFiltersByState() {
        String first = JobsApi.submit(HeapDumps.leakyLive(), "className=" + ROOM);
        String second = JobsApi.submit(HeapDumps.leakyLive(), "className=" + ROOM);
        JobsApi.awaitFinal(first);
        JobsApi.awaitFinal(second);
        List<String> ids = given().when().get("/v1/jobs").then().statusCode(200).extract().jsonPath().getList("id");
        assertTrue(ids.indexOf(second) < ids.indexOf(first), "newest first");
        List<String> states = given().when().get("/v1/jobs?state=succeeded").then().statusCode(200)
                .extract().jsonPath().getList("state");
        assertTrue(states.stream().allMatch("succeeded"::equals));
        assertTrue(given().when().get("/v1/jobs").jsonPath().getList("result").stream().allMatch(r -> r == null),
                "the list carries no results");
        given().when().get("/v1/jobs?state=lost").then().statusCode(400).body("detail", containsString("queued"));
    }

    @Test
    void deletingAFinishedJobRemovesItAndItsFiles() {
        String id = JobsApi.submit(HeapDumps.leakyLive(), "className=" + ROOM);
        JobsApi.awaitFinal(id);
        for (int i = 0; i < 100 && Files.exists(DATA.resolve(id).resolve("dump")); i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        assertFalse(Files.exists(DATA.resolve(id).resolve("dump")), "the dump goes when the job ends (casebook.jobs.keep-dumps=false)");
        assertTrue(Files.exists(DATA.resolve(id).resolve("result.json")));
        given().when().delete("/v1/jobs/" + id).then().statusCode(204);
        given().when().get("/v1/jobs/" + id).then().statusCode(404).contentType("application/problem+json");
        assertFalse(Files.exists(DATA.resolve(id)));
        given().when().delete("/v1/jobs/" + id).then().statusCode(404);
        given().when().get("/v1/jobs/not-a-job").then().statusCode(404).body("title", equalTo("No such job"));
    }

    @Test
    void cancellingAQueuedOrRunningJobStopsItAndDeletesItsDump() {
        Path big = HeapDumps.leakyLive(200_000);
        String blocker = JobsApi.submit(big, "className=" + ROOM);
        String id = JobsApi.submit(big, "className=" + ROOM);
        given().when().delete("/v1/jobs/" + id).then().statusCode(204);
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("cancelled", job.getString("state"));
        assertFalse(Files.exists(DATA.resolve(id).resolve("dump")));
        given().when().delete("/v1/jobs/" + blocker).then().statusCode(204);
        assertEquals("cancelled", JobsApi.awaitFinal(blocker).getString("state"));
        given().when().delete("/v1/jobs/" + id).then().statusCode(204);
        given().when().get("/v1/jobs/" + id).then().statusCode(404);
    }

    @Test
    void chunkedJsonIsReadAsJsonNotAsAnUpload() throws Exception {
        byte[] json = "{\"profile\": \"python-json\"}".getBytes();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + io.restassured.RestAssured.port + "/v1/canonical"))
                        .header("Content-Type", "application/json")
                        // Unknown length: the client sends the body chunked, without Content-Length.
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(json)))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        // Answered as any JSON request is (here: what is missing); its limit is the JSON one (JsonBodyLimitTest).
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"field\":\"credentials\""), response.body());
    }
}
