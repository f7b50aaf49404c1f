package dev.casebook.web.jobs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PyheapSnapshots;
import dev.casebook.testing.leaks.LeakyApp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job with no target is a triage of the whole heap; every job's result carries one; its dominator tree is browsable. */
@QuarkusTest
class TriageJobsTest {

    private static final String APP = LeakyApp.class.getName();

    @Test
    void anHprofJobWithoutTargetsNamesTheLeaksByItself() {
        String id = JobsApi.submit(HeapDumps.leakyLive(), "histogramLimit=5&suspectThreshold=20");
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertEquals(List.of(), job.getList("result.targets"));
        assertEquals(5, job.getList("result.histogram").size());
        assertEquals(5, job.getInt("query.histogramLimit"));
        assertTrue(job.getLong("result.heap.reachableBytes") > 0);
        assertTrue(job.getLong("result.heap.objects") >= job.getLong("result.heap.reachableObjects"));
        List<Map<String, Object>> suspects = job.getList("result.suspects");
        assertEquals(2, suspects.size(), job.prettify());
        String title = job.getString("result.suspects[0].title");
        assertTrue(title.startsWith("3,000 instances of " + APP + "$LeakyListener"), title);
        assertTrue(title.endsWith("reached from static " + APP + "$Bus.LISTENERS"), title);
        assertEquals("java.util.ArrayList", job.getString("result.suspects[0].holder.type"));
        assertEquals("java.lang.Object[]", job.getString("result.suspects[0].accumulation.type"));
        assertTrue(job.getString("result.suspects[0].fingerprint").matches("[0-9a-f]{32}"));
        List<Map<String, Object>> path = job.getList("result.suspects[0].chain.path");
        assertEquals("java.lang.Object[]", path.get(path.size() - 1).get("type"));
        assertEquals(APP + "$LeakyListener", job.getString("result.suspects[0].contents[0].className"));
        assertTrue(job.getString("result.suspects[1].title").contains("$CacheEntry"));
    }

    @Test
    void targetsAndGroupsCarryTheirRetainedSize() {
        String id = JobsApi.submit(HeapDumps.leakyLive(), "className=" + APP + "$LeakyListener");
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        // Each listener and its byte[]: exactly what all of them retain together.
        assertEquals(2L * LeakyApp.LISTENER_COUNT, job.getLong("result.targets[0].retainedObjects"));
        assertEquals((16L + 1040) * LeakyApp.LISTENER_COUNT, job.getLong("result.targets[0].retainedBytes"));
        assertEquals((16L + 1040) * LeakyApp.LISTENER_COUNT, job.getLong("result.targets[0].groups[0].retainedBytes"));
        assertTrue(job.getList("result.suspects").size() >= 1, "every job triages the heap too");
    }

    @Test
    void thePythonSnapshotWithoutTargetsIsATriage() {
        String id = JobsApi.submit(PyheapSnapshots.cacheLeak("triage-job.pyheap.gz", 5_000), "");
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        assertEquals("pyheap", job.getString("result.dump.format"));
        assertTrue(job.getString("result.suspects[0].title").endsWith("reached from global __main__.CACHE"),
                job.getString("result.suspects[0].title"));
    }

    @Test
    void theDominatorTreeIsBrowsableAfterTheDumpIsGone() {
        String id = JobsApi.submit(HeapDumps.leakyLive(), "");
        JsonPath job = JobsApi.awaitFinal(id);
        assertEquals("succeeded", job.getString("state"), job.prettify());
        String holder = job.getString("result.suspects[0].holder.id");
        long holderRetained = job.getLong("result.suspects[0].holder.retainedBytes");
        JsonPath root = given().when().get("/v1/jobs/" + id + "/dominators").then().statusCode(200).extract().jsonPath();
        assertEquals("root", root.getString("parent.id"));
        assertTrue(root.getInt("total") >= root.getList("children").size());
        List<Long> sizes = root.getList("children.retainedBytes", Long.class);
        for (int i = 1; i < sizes.size(); i++) {
            assertTrue(sizes.get(i - 1) >= sizes.get(i), "largest first");
        }
        JsonPath page = given().queryParam("parent", holder).when().get("/v1/jobs/" + id + "/dominators").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(holder, page.getString("parent.id"));
        assertEquals(holderRetained, page.getLong("parent.retainedBytes"));
        assertEquals("java.lang.Object[]", page.getString("children[0].type"));
        assertEquals(1, page.getInt("total"));
        JsonPath array = given().queryParam("parent", page.getString("children[0].id")).queryParam("limit", 10)
                .queryParam("offset", 5).when().get("/v1/jobs/" + id + "/dominators").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(LeakyApp.LISTENER_COUNT, array.getInt("total"));
        assertEquals(10, array.getList("children").size());
        assertEquals(APP + "$LeakyListener", array.getString("children[0].type"));
        assertEquals(1040 + 16, array.getLong("children[0].retainedBytes"));
        assertEquals(1, array.getInt("children[0].children"));

        given().queryParam("parent", "0x1").when().get("/v1/jobs/" + id + "/dominators").then().statusCode(404)
                .body("type", containsString("not-in-dominator-tree"));
        given().queryParam("parent", "nope").queryParam("limit", 0).when().get("/v1/jobs/" + id + "/dominators").then()
                .statusCode(400).body("errors.field", equalTo(List.of("limit", "parent")));
        given().when().get("/v1/jobs/no-such-job/dominators").then().statusCode(404);
        given().when().delete("/v1/jobs/" + id).then().statusCode(204);
        given().when().get("/v1/jobs/" + id + "/dominators").then().statusCode(404);
    }
}
