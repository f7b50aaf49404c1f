package dev.casebook.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shell script an operator makes keys with agrees with the service that checks them. */
class NewKeyScriptTest {

    private static List<String> run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "src/main/scripts/casebook-new-key"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return List.of(String.valueOf(p.exitValue()), out);
    }

    @Test
    void aKeyItMakesIsAcceptedForItsOwnerAndRole() throws Exception {
        List<String> first = run("ops@example.com", "admin");
        assertEquals("0", first.get(0), first.get(1));
        String[] lines = first.get(1).split("\n");
        String key = lines[1].strip();
        String line = lines[3].strip();
        assertEquals(Optional.of(new Caller("ops@example.com", Role.ADMIN)), ApiKeys.parse(List.of(line)).verify(key));
        assertTrue(key.matches("cbk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"), key);

        List<String> second = run("alice");
        String otherKey = second.get(1).split("\n")[1].strip();
        assertNotEquals(key, otherKey);
        assertEquals(Optional.empty(), ApiKeys.parse(List.of(line)).verify(otherKey));
        assertEquals(Optional.of(new Caller("alice", Role.USER)),
                ApiKeys.parse(List.of(second.get(1).split("\n")[3].strip())).verify(otherKey));
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        assertEquals("2", run("alice", "root").get(0));
        assertEquals("2", run("al ice").get(0));
    }
}
