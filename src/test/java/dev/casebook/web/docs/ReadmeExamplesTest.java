package dev.casebook.web.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.casebook.testing.GrowthDumps;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.leaks.GrowingApp;
import org.junit.jupiter.api.Test;

/**
 * Runs every curl example of README.md, as written, with the real curl against the service, and
 * checks the status each one promises ({@code # → 200} under the command).
 */
@QuarkusTest
class ReadmeExamplesTest {

    private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    static final String BY_HAND = "# By hand, with the replicas above";
    private static final Pattern PROMISE = Pattern.compile("^# → (\\d{3})$", Pattern.MULTILINE);

    @TestHTTPResource("/")
    URL base;

    record Example(String command, int status) {
    }

    static List<Example> examples() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        List<Example> examples = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            String block = m.group(1);
            // A block that needs more than one service (the two-replica walk-through) says so in its first line;
            // what it shows, SharedReplicasIT runs.
            if (!block.contains("curl ") || block.startsWith(BY_HAND)) {
                continue;
            }
            Matcher promise = PROMISE.matcher(block);
            assertTrue(promise.find(), "README example without a '# → status' line: " + block);
            examples.add(new Example(block.substring(0, promise.start()).trim(), Integer.parseInt(promise.group(1))));
        }
        return examples;
    }

    @Test
    void everyCurlExampleAnswersAsTheReadmeSays() throws Exception {
        List<Example> examples = examples();
        assertTrue(examples.size() >= 8, "the README's examples were found: " + examples.size());
        for (String path : List.of("/v1/info", "/v1/profiles", "/v1/canonical", "/v1/diagnoses", "/v1/jobs",
                "/v1/jobs/$JOB", "/v1/jobs/$JOB/dominators", "/v1/jobs/$JOB/growth", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            assertTrue(examples.stream().anyMatch(e -> e.command().contains(path)), "the README shows " + path);
        }
        String root = base.toString().replaceAll("/$", "");
        // The README's dump is /tmp/app.hprof; here it is one the JDK wrote, copied to a directory of its own, so
        // that the README's own gzip step makes the .gz its form example uploads. $JOB carries over between
        // examples as it would in the reader's shell.
        Path dir = Files.createTempDirectory("readme-example");
        Path dump = Files.copy(HeapDumps.leakyLive(), dir.resolve("app.hprof"));
        // The growth walk-through's two dumps of one process: the first two of a program that leaks as it runs.
        Path first = Files.copy(GrowthDumps.jvm().get(0), dir.resolve("app-1.hprof"));
        Path second = Files.copy(GrowthDumps.jvm().get(1), dir.resolve("app-2.hprof"));
        String jobId = "no-job-yet";
        for (Example e : examples) {
            Path out = dir.resolve("answer");
            Path job = dir.resolve("job");
            String command = e.command().replace("http://localhost:8080", root).replace("/tmp/app.hprof", dump.toString())
                    .replace("/tmp/app-1.hprof", first.toString()).replace("/tmp/app-2.hprof", second.toString());
            int last = command.lastIndexOf("curl -s ");
            command = command.substring(0, last) + "curl -s -o '" + out + "' -w '%{http_code}' "
                    + command.substring(last + "curl -s ".length()) + "\nprintf '%s' \"$JOB\" > '" + job + "'";
            ProcessBuilder shell = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
            shell.environment().put("JOB", jobId);
            Process p = shell.start();
            String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + e.command());
            String answer = Files.readString(out);
            assertEquals(String.valueOf(e.status()), status, e.command() + "\nanswered: " + answer);
            Matcher created = Pattern.compile("^\\{\"id\":\"([0-9a-f-]{36})\"").matcher(answer);
            String kept = Files.readString(job);
            if (!kept.equals(jobId)) {
                assertTrue(kept.matches("[0-9a-f-]{36}"), "JOB holds a job's id: " + kept);
                jobId = kept;
                awaitFinal(root, jobId);
            } else if (e.status() == 202 && created.find()) {
                awaitFinal(root, created.group(1));
            }
            if (e.command().contains("/growth?")) {
                assertTrue(answer.contains("{\"className\":\"" + GrowingApp.class.getName() + "$Leak\",")
                        && answer.contains("\"steps\":[1000,2000],\"growingEveryStep\":true"), answer);
            }
            if (e.command().contains("/v1/diagnoses")) {
                assertTrue(answer.contains("\"cause\":\"separator-whitespace\"") && answer.contains("json.dumps(body, separators"), answer);
            }
            if (e.command().contains("\"profile\": \"python-json\"")) {
                assertTrue(answer.contains("\"encodedBody\":\"{\\\"url\\\": \\\"http://example.com/a\\\", \\\"n\\\": 1.0}\""), answer);
            }
            Files.delete(out);
        }
        assertTrue(!jobId.equals("no-job-yet"), "a job was created by the README's examples");
        assertTrue(Files.exists(dir.resolve("app.hprof.gz")), "the README's gzip step made the file its form uploads");
    }

    @Test
    void everyProfileCountTheReadmeGivesIsTheCatalogs() throws Exception {
        int profiles = new dev.casebook.core.canon.profile.ProfileCatalog().all().size();
        Matcher m = Pattern.compile("(\\d+) (?:encoder )?profiles").matcher(Files.readString(Path.of("README.md")));
        int found = 0;
        while (m.find()) {
            assertEquals(profiles, Integer.parseInt(m.group(1)), "README: \"" + m.group() + "\"");
            found++;
        }
        assertTrue(found >= 2, "the README counts the profiles: " + found);
    }

    /** Waits for the job so that the examples after it see a finished one. */
    private static void awaitFinal(String root, String id) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            String job = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + "/v1/jobs/" + id)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            if (job.matches("(?s).*\"state\":\"(succeeded|failed|cancelled)\".*")) {
                assertTrue(job.contains("\"state\":\"succeeded\""), job);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }
}
