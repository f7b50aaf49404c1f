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
import org.junit.jupiter.api.Test;

/**
 * Runs every curl example of README.md, as written, with the real curl against the service, and
 * checks the status each one promises ({@code # → 200} under the command).
 */
@QuarkusTest
class ReadmeExamplesTest {

    private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
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
            if (!block.contains("curl ")) {
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
        for (String path : List.of("/v1/info", "/v1/profiles", "/v1/canonical", "/v1/diagnoses", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            assertTrue(examples.stream().anyMatch(e -> e.command().contains(path)), "the README shows " + path);
        }
        String root = base.toString().replaceAll("/$", "");
        for (Example e : examples) {
            Path out = Files.createTempFile("readme-example", ".out");
            String command = e.command().replace("http://localhost:8080", root)
                    .replaceFirst("curl -s ", "curl -s -o '" + out + "' -w '%{http_code}' ");
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "curl finished: " + e.command());
            String answer = Files.readString(out);
            assertEquals(String.valueOf(e.status()), status, e.command() + "\nanswered: " + answer);
            if (e.command().contains("/v1/diagnoses")) {
                assertTrue(answer.contains("\"cause\":\"separator-whitespace\"") && answer.contains("json.dumps(body, separators"), answer);
            }
            if (e.command().contains("\"profile\": \"python-json\"")) {
                assertTrue(answer.contains("\"encodedBody\":\"{\\\"url\\\": \\\"http://example.com/a\\\", \\\"n\\\": 1.0}\""), answer);
            }
            Files.delete(out);
        }
    }
}
