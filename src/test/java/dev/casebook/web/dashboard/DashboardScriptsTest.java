package dev.casebook.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.Oracles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's pure modules (byte offsets, diff, chain text, triage) under Node's own test runner: src/test/js. */
class DashboardScriptsTest {

    @Test
    void theDashboardsModulesPassTheirNodeTests() throws IOException, InterruptedException {
        Oracles.require("node", "apt-get install nodejs");
        Process node = new ProcessBuilder("node", "--test", "src/test/js/").redirectErrorStream(true).start();
        String out;
        try (var in = node.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node --test did not finish");
        assertEquals(0, node.exitValue(), out);
        Matcher pass = Pattern.compile("(?m)^# pass (\\d+)$").matcher(out);
        assertTrue(pass.find(), out);
        assertTrue(Integer.parseInt(pass.group(1)) >= 10, "every test file ran: " + out);
        assertTrue(out.contains("# fail 0"), out);
    }
}
