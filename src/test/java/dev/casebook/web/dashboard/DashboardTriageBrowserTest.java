package dev.casebook.web.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.Browser;
import dev.casebook.testing.HeapDumps;
import dev.casebook.web.jobs.JobsApi;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The triage views in real headless Chromium: a real JVM dump uploaded with no target names its two
 * leaks as suspects with their chains; the histogram sorts by any column, from the keyboard too; the
 * dominator tree opens a level at a time from the browse endpoint; the triage options reach the
 * service; its errors are shown as problems. Each view is saved under target/screenshots/.
 */
@QuarkusTest
class DashboardTriageBrowserTest {

    private static final String APP = "dev.casebook.testing.leaks.LeakyApp";
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    /** A failed test leaves a picture of the page it failed on. */
    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeEach
    void startBrowser() {
        if (browser == null) {
            browser = Browser.start(root);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void aDumpUploadedWithoutTargetsShowsItsSuspectsFirst() {
        browser.open("#/heap");
        browser.consoleErrors(); // what earlier tests' pages logged
        assertTrue(browser.find("#targets-hint").getText().startsWith("Leave empty to triage the whole heap"),
                browser.find("#targets-hint").getText());
        browser.find("#dump-file").sendKeys(HeapDumps.leakyLive().toAbsolutePath().toString());
        assertEquals("", browser.find("#class-names").getAttribute("value"));
        assertEquals("", browser.find("#object-ids").getAttribute("value"));
        browser.find("#upload").click();

        browser.until(ExpectedConditions.urlContains("#/jobs/"));
        String id = jobIdInUrl();
        List<WebElement> suspects = browser.until(d -> {
            List<WebElement> shown = browser.findAll("#suspects .suspect");
            return shown.isEmpty() ? null : shown;
        });
        JsonPath job = given().when().get("/v1/jobs/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("succeeded", job.getString("state"));
        assertEquals(2, suspects.size(), "the listeners and the cache");

        WebElement first = suspects.get(0);
        String title = first.findElement(By.cssSelector(".suspect-title")).getText();
        assertTrue(title.startsWith("3,000 instances of " + APP + "$LeakyListener ("), title);
        assertTrue(title.endsWith("% of the heap) held by one java.util.ArrayList, reached from static " + APP + "$Bus.LISTENERS"),
                title);
        assertEquals(String.format(java.util.Locale.ROOT, "%.1f%%", job.getDouble("result.suspects[0].retainedPercent")),
                first.findElement(By.cssSelector(".share-figure")).getText());
        assertEquals(job.getDouble("result.suspects[0].retainedPercent"),
                Double.parseDouble(first.findElement(By.cssSelector(".share meter")).getAttribute("value")), 0.001);
        String share = first.findElement(By.cssSelector(".share-text")).getText();
        assertTrue(share.matches("\\d+\\.\\d% of the reachable heap · 3\\.0 MB retained · 6,002 objects"), share);

        // The chain is drawn as a target's chain is, from its root down to the accumulation point.
        WebElement chain = first.findElement(By.cssSelector(".chain"));
        assertFalse(chain.findElement(By.cssSelector(".root-kind")).getText().isEmpty());
        List<String> steps = stepsOf(chain);
        assertEquals(List.of("java.lang.Class " + APP + "$Bus ↓ static LISTENERS", "java.util.ArrayList ↓ elementData",
                "java.lang.Object[]"), steps.subList(steps.size() - 3, steps.size()), steps.toString());
        WebElement end = chain.findElement(By.cssSelector("li.target-step"));
        assertEquals("java.lang.Object[]", end.findElement(By.cssSelector(".type")).getText());
        assertEquals("accumulation point", end.findElement(By.cssSelector(".badge")).getText());
        assertEquals(job.getString("result.suspects[0].accumulation.id"), end.findElement(By.cssSelector(".id")).getText());

        // Holder and accumulation point, their ids copyable like every other id.
        assertEquals(List.of("java.util.ArrayList", job.getString("result.suspects[0].holder.id")),
                objectFact(first, "Holder"));
        assertEquals(List.of("java.lang.Object[]", job.getString("result.suspects[0].accumulation.id")),
                objectFact(first, "Accumulation point"));
        WebElement contents = first.findElement(By.cssSelector("table.contents tbody tr"));
        assertEquals(List.of(APP + "$LeakyListener", "3,000", "3.0 MB"), cells(contents));

        String second = suspects.get(1).findElement(By.cssSelector(".suspect-title")).getText();
        assertTrue(second.startsWith("1,500 instances of " + APP + "$CacheEntry (") && second.contains("held by one java.util.HashMap"),
                second);
        List<String> cacheSteps = stepsOf(suspects.get(1).findElement(By.cssSelector(".chain")));
        assertEquals("java.util.HashMap$Node[]", cacheSteps.get(cacheSteps.size() - 1));

        // "Copy as text" on a suspect's chain puts the whole suspect on the clipboard.
        browser.script("window.__copied = null; navigator.clipboard.writeText = async (t) => { window.__copied = t; };");
        chain.findElement(By.cssSelector(".copy-chain")).click();
        String copied = (String) browser.until(d -> browser.script("return window.__copied"));
        assertTrue(copied.startsWith("Suspect: " + title + "\n"), copied);
        assertTrue(copied.contains("╰→ java.lang.Object[]  " + job.getString("result.suspects[0].accumulation.id")
                + "  ← accumulation point"), copied);

        // Then the totals, and no target section for a job that named none.
        String totals = browser.find("#heap-totals").getText();
        assertTrue(totals.matches("[\\d,]+ objects · .+ in the dump; [\\d,]+ objects · .+ reachable from the GC roots"), totals);
        assertTrue(totals.contains(String.format(java.util.Locale.ROOT, "%,d objects", job.getLong("result.heap.objects"))), totals);
        assertTrue(browser.findAll(".target").isEmpty());
        assertEquals("none: triage of the whole heap", jobFact("Targets"));
        assertTrue(precedes(browser.find("#suspects"), browser.find("#histogram-section"))
                && precedes(browser.find("#histogram-section"), browser.find("#dominators")), "suspects, histogram, tree");
        assertEquals(List.of(), browser.consoleErrors(), "no script error, no blocked style");
        browser.screenshot("triage-suspects");
        browser.screenshot("triage-suspects-section", browser.find("#suspects"));
    }

    @Test
    void theHistogramSortsByEachColumnFromTheMouseAndTheKeyboard() {
        String id = triagedJob();
        browser.open("#/jobs/" + id);
        WebElement table = browser.visible("#histogram");
        assertEquals("descending", header("retainedBytes").getAttribute("aria-sort"), "largest retained first");
        assertEquals("none", header("instances").getAttribute("aria-sort"));
        List<Long> retained = column(table, 3, true);
        assertTrue(retained.size() >= 10, retained.toString());
        assertEquals(retained.stream().sorted(Comparator.reverseOrder()).toList(), retained);
        List<Long> before = column(table, 1, false);

        header("instances").findElement(By.tagName("button")).click();
        assertEquals("descending", header("instances").getAttribute("aria-sort"));
        assertEquals("none", header("retainedBytes").getAttribute("aria-sort"));
        List<Long> instances = column(table, 1, false);
        assertNotEquals(before, instances, "the order changed");
        assertEquals(instances.stream().sorted(Comparator.reverseOrder()).toList(), instances, "largest first");
        assertEquals(before.stream().sorted(Comparator.reverseOrder()).toList(), instances, "the same rows");
        browser.screenshot("triage-histogram");
        browser.screenshot("triage-histogram-section", browser.find("#histogram-section"));

        header("instances").findElement(By.tagName("button")).click();
        assertEquals("ascending", header("instances").getAttribute("aria-sort"));
        List<Long> ascending = column(table, 1, false);
        assertEquals(ascending.stream().sorted().toList(), ascending);

        // The headers are buttons: Tab reaches them, Enter sorts.
        WebElement byName = header("className").findElement(By.tagName("button"));
        browser.script("arguments[0].focus()", byName);
        byName.sendKeys(Keys.ENTER);
        assertEquals("ascending", header("className").getAttribute("aria-sort"));
        List<String> names = table.findElements(By.cssSelector("tbody tr td:first-child")).stream().map(WebElement::getText).toList();
        assertEquals(names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList().get(0), names.get(0), names.toString());
        assertNotEquals(names.get(0), names.get(names.size() - 1));
    }

    @Test
    void theDominatorTreeOpensALevelAtATimeFromTheBrowseEndpoint() {
        String id = triagedJob();
        JsonPath job = given().when().get("/v1/jobs/" + id).then().extract().jsonPath();
        long reachable = job.getLong("result.heap.reachableBytes");
        JsonPath top = dominators(id, "root");
        browser.open("#/jobs/" + id);

        WebElement rootToggle = browser.visible("#dominator-tree > li[data-id='root'] > .dom-row button.toggle");
        assertEquals("false", rootToggle.getAttribute("aria-expanded"));
        assertFalse(browser.find("#dom-children-root").isDisplayed());
        rootToggle.click();
        assertEquals("true", rootToggle.getAttribute("aria-expanded"));
        List<WebElement> children = browser.until(d -> {
            List<WebElement> shown = browser.findAll("#dom-children-root > li.dom-node");
            return shown.isEmpty() ? null : shown;
        });
        int page = Math.min(50, top.getInt("listed"));
        assertEquals(page, children.size(), "one page of the root's children");
        Map<String, Object> largest = top.getMap("children[0]");
        WebElement firstChild = children.get(0);
        assertEquals(largest.get("id"), firstChild.getAttribute("data-id"));
        String facts = firstChild.findElement(By.cssSelector(":scope > .dom-row .dom-facts")).getText();
        assertTrue(facts.contains(String.format(java.util.Locale.ROOT, "%,d objects", ((Number) largest.get("retainedObjects")).longValue())),
                facts);
        double percent = Double.parseDouble(facts.replaceAll(".* · ([\\d.]+)% of reachable$", "$1"));
        assertEquals(100.0 * ((Number) largest.get("retainedBytes")).longValue() / reachable, percent, 0.051, facts);

        // The largest child with children of its own opens to its page, fetched only now.
        int index = 0;
        while (((Number) top.getMap("children[" + index + "]").get("children")).intValue() == 0) {
            index++;
        }
        String nodeId = top.getString("children[" + index + "].id");
        JsonPath below = dominators(id, nodeId);
        WebElement node = children.get(index);
        assertTrue(node.findElement(By.cssSelector(":scope > .dom-row .type")).getText()
                .startsWith(top.getString("children[" + index + "].type")));
        WebElement toggle = node.findElement(By.cssSelector(":scope > .dom-row button.toggle"));
        assertEquals(0, node.findElements(By.cssSelector(":scope > ul > li.dom-node")).size(), "nothing loaded before it is opened");
        toggle.click();
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        List<WebElement> grandchildren = browser.until(d -> {
            List<WebElement> shown = node.findElements(By.cssSelector(":scope > ul > li.dom-node"));
            return shown.isEmpty() ? null : shown;
        });
        assertEquals(Math.min(50, below.getInt("listed")), grandchildren.size());
        assertEquals(below.getString("children[0].id"), grandchildren.get(0).getAttribute("data-id"));
        assertTrue(grandchildren.get(0).findElement(By.cssSelector(".type")).getText().startsWith(below.getString("children[0].type")));
        browser.screenshot("triage-dominators");
        browser.screenshot("triage-dominators-section", browser.find("#dominators"));

        // "More" pages on from where the first page stopped; what the job did not keep is counted.
        if (top.getInt("listed") > 50) {
            WebElement more = browser.find("#dom-children-root > li.dom-more button");
            more.click();
            browser.until(d -> browser.findAll("#dom-children-root > li.dom-node").size() == Math.min(100, top.getInt("listed")));
            List<WebElement> all = browser.findAll("#dom-children-root > li.dom-node");
            JsonPath second = given().queryParam("parent", "root").queryParam("offset", 50).queryParam("limit", 50).when()
                    .get("/v1/jobs/" + id + "/dominators").then().statusCode(200).extract().jsonPath();
            assertEquals(second.getString("children[0].id"), all.get(50).getAttribute("data-id"));
        }
        if (top.getInt("total") > top.getInt("listed")) {
            assertTrue(browser.find("#dom-children-root > li.dom-not-kept").getText()
                    .startsWith(String.format(java.util.Locale.ROOT, "%,d smaller children", top.getInt("total") - top.getInt("listed"))));
        }
        rootToggle.click();
        assertEquals("false", rootToggle.getAttribute("aria-expanded"));
        assertFalse(browser.find("#dom-children-root").isDisplayed(), "closed again");
    }

    @Test
    void theTriageOptionsReachTheServiceAndItsErrorsAreShownAsProblems() {
        browser.open("#/heap");
        browser.find("#dump-file").sendKeys(HeapDumps.leakyLive().toAbsolutePath().toString());
        browser.find("#histogram-limit").clear();
        browser.find("#histogram-limit").sendKeys("20000");
        browser.find("#upload").click();
        WebElement problem = browser.visible("#upload-error .problem");
        assertTrue(problem.findElement(By.cssSelector(".problem-title")).getText().startsWith("400 "), problem.getText());
        assertTrue(problem.findElement(By.cssSelector(".problem-fields")).getText().contains("histogramLimit"), problem.getText());
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/heap"), "no job was made");

        // 45%: the listeners (50%) pass, the cache (40%) does not.
        browser.find("#histogram-limit").clear();
        browser.find("#histogram-limit").sendKeys("7");
        browser.find("#suspect-threshold").clear();
        browser.find("#suspect-threshold").sendKeys("45");
        browser.find("#upload").click();
        browser.until(ExpectedConditions.urlContains("#/jobs/"));
        String id = jobIdInUrl();
        browser.visible("#suspects .suspect");
        assertEquals(1, browser.findAll("#suspects .suspect").size());
        assertTrue(browser.find("#suspects .suspect-title").getText().contains("$LeakyListener"));
        assertEquals(7, browser.findAll("#histogram tbody tr").size());
        assertEquals("suspects from 45% of the reachable heap · 7 histogram rows", jobFact("Triage"));

        // The tree of a job that is gone: the browse endpoint's 404 is shown where the children would be.
        given().when().delete("/v1/jobs/" + id).then().statusCode(204);
        browser.find("#dominator-tree > li[data-id='root'] > .dom-row button.toggle").click();
        WebElement gone = browser.visible("#dom-children-root .dom-error .problem");
        assertTrue(gone.findElement(By.cssSelector(".problem-title")).getText().startsWith("404 "), gone.getText());
        assertFalse(gone.getText().contains("{"), "no raw JSON: " + gone.getText());
        browser.screenshot("triage-tree-error");
    }

    @Test
    void targetsShowWhatTheyRetainBelowTheTriage() {
        String id = finished(submit("className=" + APP + "$LeakyListener"));
        browser.open("#/jobs/" + id);
        WebElement target = browser.visible(".target[data-index='0']");
        // Each listener (16 bytes) and its 1 KB array (1,040 bytes): 3,000 of each.
        assertEquals("3.0 MB retained (6,000 objects)", target.findElement(By.cssSelector(".counts .retained")).getText());
        WebElement group = target.findElement(By.cssSelector(".groups tbody tr td:last-child"));
        assertEquals("3,168,000 bytes", group.getAttribute("title"));
        assertTrue(precedes(browser.find("#dominators"), target), "the targets come after the triage");
        assertFalse(browser.findAll("#suspects .suspect").isEmpty(), "a job with targets is triaged too");
        browser.screenshot("triage-targets");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String triagedJob() {
        return finished(submit(""));
    }

    private static String submit(String query) {
        return given().contentType("application/octet-stream").body(HeapDumps.leakyLive().toFile()).when()
                .post("/v1/jobs" + (query.isEmpty() ? "" : "?" + query)).then().statusCode(202).extract().jsonPath().getString("id");
    }

    private static String finished(String id) {
        assertEquals("succeeded", JobsApi.awaitFinal(id).getString("state"));
        return id;
    }

    private static JsonPath dominators(String id, String parent) {
        return given().queryParam("parent", parent).when().get("/v1/jobs/" + id + "/dominators").then().statusCode(200)
                .extract().jsonPath();
    }

    private static String jobIdInUrl() {
        return browser.driver().getCurrentUrl().replaceAll(".*#/jobs/", "");
    }

    private static WebElement header(String key) {
        return browser.find("#histogram button[data-key='" + key + "']").findElement(By.xpath(".."));
    }

    /** The job's fact named {@code label} ("Targets"), as shown beside it. */
    private static String jobFact(String label) {
        return browser.driver().findElement(By.xpath("//dl[@class='job-facts']/dt[.='" + label + "']/following-sibling::dd[1]")).getText();
    }

    /** A suspect's holder or accumulation point: its type and its (copyable) id. */
    private static List<String> objectFact(WebElement suspect, String label) {
        WebElement dd = suspect.findElement(By.xpath(".//dl[@class='suspect-objects']/dt[.='" + label + "']/following-sibling::dd[1]"));
        return List.of(dd.findElement(By.cssSelector(".type")).getText(), dd.findElement(By.cssSelector("button.id")).getText());
    }

    /** A column's numbers as shown ("5,544"), or as the exact bytes of its cells' titles ("6,001,352 bytes"). */
    private static List<Long> column(WebElement table, int index, boolean exactBytes) {
        List<Long> values = new ArrayList<>();
        for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
            WebElement cell = row.findElements(By.tagName("td")).get(index);
            String text = exactBytes ? cell.getAttribute("title").replace(" bytes", "") : cell.getText();
            values.add(Long.parseLong(text.replace(",", "")));
        }
        return values;
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private static List<String> stepsOf(WebElement chain) {
        return chain.findElements(By.cssSelector("li.step")).stream().map(li -> {
            List<WebElement> edge = li.findElements(By.cssSelector(".edge"));
            return li.findElement(By.cssSelector(".type")).getText() + (edge.isEmpty() ? "" : " " + edge.get(0).getText());
        }).toList();
    }

    private static boolean precedes(WebElement a, WebElement b) {
        return (Boolean) browser.script("return !!(arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING)", a, b);
    }
}
