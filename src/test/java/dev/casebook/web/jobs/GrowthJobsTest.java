package dev.casebook.web.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.GrowthDumps;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.HprofRecords;
import dev.casebook.testing.leaks.GrowingApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/jobs/{id}/growth over jobs of three real dumps of a program that leaks 1,000 objects per step while it
 * churns noise (a JVM's and a python3's), answered from what the jobs kept after their dumps were deleted; and
 * each refusal: a job that has not succeeded, dumps of different formats, no baseline.
 */
@QuarkusTest
class GrowthJobsTest {

    private static final String LEAK = GrowingApp.class.getName() + "$Leak";

    private static List<String> succeeded(List<Path> dumps) {
        List<String> ids = new ArrayList<>();
        for (Path dump : dumps) {
            ids.add(JobsApi.submit(dump, ""));
        }
        for (String id : ids) {
            JsonPath job = JobsApi.awaitFinal(id);
            assertEquals("succeeded", job.getString("state"), job.prettify());
        }
        return ids;
    }

    private static JsonPath growth(String id, String... baselines) {
        var request = given();
        for (String b : baselines) {
            request = request.queryParam("baseline", b);
        }
        return request.when().get("/v1/jobs/" + id + "/growth").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theJvmLeakGrowsAtEveryStepAndTheChurnDoesNot() {
        List<String> ids = succeeded(GrowthDumps.jvm());
        JsonPath growth = growth(ids.get(2), ids.get(0), ids.get(1));
        assertEquals(ids.get(2), growth.getString("job"));
        assertEquals(ids.subList(0, 2), growth.getList("baselines"));
        List<Map<String, Object>> rows = growth.getList("growth");
        List<Map<String, Object>> leaks = rows.stream().filter(r -> LEAK.equals(r.get("className"))).toList();
        assertEquals(1, leaks.size(), growth.prettify());
        Map<String, Object> leak = leaks.get(0);
        assertEquals(List.of(1000, 2000, 3000), leak.get("steps"));
        assertEquals(true, leak.get("growingEveryStep"));
        assertEquals(1000, ((Map<?, ?>) leak.get("before")).get("instances"));
        assertEquals(3000, ((Map<?, ?>) leak.get("after")).get("instances"));
        assertEquals(2000, ((Map<?, ?>) leak.get("delta")).get("instances"));
        List<?> path = (List<?>) leak.get("path");
        assertEquals(List.of(GrowingApp.class.getName() + " static LEAKS", "java.util.HashMap table",
                "java.util.HashMap$Node[] [*]", "java.util.HashMap$Node value", LEAK), path.subList(path.size() - 5, path.size()));
        assertTrue(rows.stream().noneMatch(r -> r.get("className").toString().endsWith("$Noise")), "no churn");
        List<Long> retained = growth.getList("growth.delta.retainedBytes", Long.class);
        for (int i = 1; i < retained.size(); i++) {
            assertTrue(retained.get(i - 1) >= retained.get(i), "largest growth first");
        }
        List<Map<String, Object>> classes = growth.getList("histogramDelta");
        Map<String, Object> leakClass = classes.stream().filter(r -> LEAK.equals(r.get("className"))).findFirst().orElseThrow();
        assertEquals(2000, ((Map<?, ?>) leakClass.get("delta")).get("instances"));
        assertEquals(2000 * 16, ((Map<?, ?>) leakClass.get("delta")).get("shallowBytes"));
        assertTrue(classes.stream().noneMatch(r -> r.get("className").toString().endsWith("$Noise")));

        // What holds the map gains the leak's bytes first: the class, the map, its table, the entries, the leaks.
        JsonPath two = given().queryParam("baseline", ids.get(0)).queryParam("limit", 5).when()
                .get("/v1/jobs/" + ids.get(1) + "/growth").then().statusCode(200).extract().jsonPath();
        assertEquals(5, two.getList("growth").size());
        assertTrue(two.getInt("total") >= 7, two.prettify());
        assertEquals(LEAK, two.getString("growth[4].className"));
        assertEquals(List.of(1000, 2000), two.getList("growth[4].steps"));
    }

    @Test
    void thePythonLeakGrowsAtEveryStep() {
        List<String> ids = succeeded(GrowthDumps.python());
        JsonPath growth = growth(ids.get(2), ids.get(0), ids.get(1));
        List<Map<String, Object>> leaks = growth.<Map<String, Object>>getList("growth").stream()
                .filter(r -> "__main__.Leak".equals(r.get("className"))).toList();
        assertEquals(1, leaks.size(), growth.prettify());
        assertEquals(List.of(1000, 2000, 3000), leaks.get(0).get("steps"));
        assertEquals(true, leaks.get(0).get("growingEveryStep"));
        assertTrue(growth.<Map<String, Object>>getList("growth").stream()
                .noneMatch(r -> "__main__.Noise".equals(r.get("className"))), "no churn");
    }

    @Test
    void refusalsSayWhy() throws IOException {
        String jvm = succeeded(List.of(HeapDumps.leakyLive())).get(0);
        String python = succeeded(List.of(GrowthDumps.python().get(0))).get(0);
        given().queryParam("baseline", python).when().get("/v1/jobs/" + jvm + "/growth").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://casebook.dev/problems/formats-differ"))
                .body("detail", containsString("pyheap"));

        byte[] whole = Files.readAllBytes(HeapDumps.leakyLive());
        Path cut = Files.createDirectories(Path.of("target", "growth")).resolve("cut.hprof");
        Files.write(cut, Arrays.copyOf(whole, HprofRecords.firstHeapDumpRecord(whole) + 3000));
        String failed = JobsApi.submit(cut, "");
        assertEquals("failed", JobsApi.awaitFinal(failed).getString("state"));
        given().queryParam("baseline", failed).when().get("/v1/jobs/" + jvm + "/growth").then().statusCode(409)
                .body("type", equalTo("https://casebook.dev/problems/job-not-succeeded"))
                .body("detail", containsString(failed));
        given().queryParam("baseline", jvm).when().get("/v1/jobs/" + failed + "/growth").then().statusCode(409);

        given().when().get("/v1/jobs/" + jvm + "/growth").then().statusCode(400).body("errors.field", equalTo(List.of("baseline")));
        given().queryParam("baseline", jvm).when().get("/v1/jobs/" + jvm + "/growth").then().statusCode(400);
        given().queryParam("baseline", "no-such-job").when().get("/v1/jobs/" + jvm + "/growth").then().statusCode(404)
                .body("type", equalTo("https://casebook.dev/problems/job-not-found"));
        given().queryParam("baseline", python).queryParam("limit", 0).when().get("/v1/jobs/" + jvm + "/growth").then()
                .statusCode(400).body("errors.field", equalTo(List.of("limit")));

        given().when().delete("/v1/jobs/" + jvm).then().statusCode(204);
        given().queryParam("baseline", python).when().get("/v1/jobs/" + jvm + "/growth").then().statusCode(404);
    }
}
