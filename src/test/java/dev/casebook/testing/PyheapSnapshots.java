package dev.casebook.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Snapshots a real python3 writes with pyheap.py from src/test/resources/pyheap/leaks.py, once per build. */
public final class PyheapSnapshots {

    private static Path leaks;

    private PyheapSnapshots() {
    }

    public static synchronized Path leaks() {
        if (leaks == null) {
            Oracles.require("python3", "apt-get install python3");
            try {
                Path out = Files.createDirectories(Path.of("target", "pyheap")).resolve("leaks.pyheap.gz");
                Process p = new ProcessBuilder("python3", Path.of("src", "test", "resources", "pyheap", "leaks.py").toString(),
                        Path.of("src", "main", "python").toString(), out.toString()).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    throw new IllegalStateException("leaks.py failed: " + log);
                }
                leaks = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return leaks;
    }
}
