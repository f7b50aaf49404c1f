package dev.casebook.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Snapshots a real python3 writes with pyheap.py from the programs in src/test/resources/pyheap. */
public final class PyheapSnapshots {

    private static Path leaks;

    private PyheapSnapshots() {
    }

    public static synchronized Path leaks() {
        if (leaks == null) {
            leaks = write("leaks.py", "leaks.pyheap.gz");
        }
        return leaks;
    }

    /**
     * A snapshot of cache_leak.py (a global dict of {@code rooms} Rooms, 1 KB each), written by a new python3
     * process each call into {@code name} under target/pyheap.
     */
    public static Path cacheLeak(String name, int rooms) {
        return write("cache_leak.py", name, Integer.toString(rooms));
    }

    /**
     * A snapshot of bound_cache.py (a global dict of {@code rooms} bound methods of Rooms, a second global of
     * three, two Rooms as attributes of one object), written by a new python3 process into {@code name}.
     */
    public static Path boundCache(String name, int rooms) {
        return write("bound_cache.py", name, Integer.toString(rooms));
    }

    private static Path write(String script, String name, String... args) {
        Oracles.require("python3", "apt-get install python3");
        try {
            Path out = Files.createDirectories(Path.of("target", "pyheap")).resolve(name);
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("python3",
                    Path.of("src", "test", "resources", "pyheap", script).toString(),
                    Path.of("src", "main", "python").toString(), out.toString()));
            command.addAll(java.util.List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(script + " failed: " + log);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
