package dev.casebook.web.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * After the whole test run (this runs after every unit and service test): its log holds no API key,
 * auth token, HMAC secret or body that any test sent, whatever failed along the way.
 */
class WholeRunLogIT {

    private static final List<Pattern> SECRETS = List.of(
            Pattern.compile("cbk_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}"),            // an API key
            Pattern.compile("Bearer\\s+\\S+"),                                  // an Authorization header
            Pattern.compile("tok-abc"),                                         // the auth token of the seed's case
            Pattern.compile("(TOKEN|SECRET|BODY)-[0-9a-f]{8}-[0-9a-f-]{27}"),   // LogSecrecyTest's markers
            Pattern.compile("example\\.com/a"),                                 // the bodies the tests sign
            Pattern.compile("\"authToken\"|\"secret\"\\s*:|sentBody"));         // a request document

    @Test
    void theLogOfTheWholeRunHoldsNoKeyTokenSecretOrBody() throws Exception {
        Path log = Path.of("target", "casebook-test.log");
        assertTrue(Files.exists(log), "the service tests write target/casebook-test.log; run ./mvnw verify");
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(log.getParent())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("casebook-test.log")).toList()) {
                all.append(Files.readString(f));
            }
        }
        String text = all.toString();
        assertTrue(text.contains("[cas.access]"), "the log holds the run's access log");
        assertTrue(text.contains("\"POST /v1/canonical\" 200") && text.contains("\"POST /v1/jobs\" 202")
                && text.contains("\"GET /v1/jobs\" 401"), "from service tests of every profile");
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            for (Pattern p : SECRETS) {
                Matcher m = p.matcher(lines[i]);
                if (m.find()) {
                    found.add("line " + (i + 1) + ": " + p.pattern());
                }
            }
        }
        System.out.println("whole-run log: " + lines.length + " lines scanned for " + SECRETS.size() + " kinds of secret");
        assertEquals(List.of(), found);
    }
}
