package dev.casebook.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.Oracles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the snapshot writer's own tests (src/test/python/test_pyheap.py) with the machine's python3:
 * the refcount correction is exact on a known graph, targets are emptied, the heap is not changed,
 * the seed's labels are written, gzip works.
 */
class PyheapWriterTest {

    @Test
    void theWritersOwnTestsPassUnderTheMachinesPython() throws Exception {
        Oracles.require("python3", "apt-get install python3");
        Process p = new ProcessBuilder("python3", "-m", "unittest", "-v", "test_pyheap")
                .directory(Path.of("src", "test", "python").toFile())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the writer's tests finished");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("Ran 9 tests") && output.trim().endsWith("OK"), output);
    }
}
