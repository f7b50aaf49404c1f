package dev.casebook.testing;

import dev.casebook.testing.leaks.GrowingApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Successive dumps of one growing program, for the growth tests: three HPROF dumps a separate JVM running
 * {@link GrowingApp} writes of itself, and three pyheap snapshots a python3 process running growing.py writes,
 * oldest first. Each set is written once per build, under target/.
 */
public final class GrowthDumps {

    public static final int STEPS = 3;
    private static List<Path> jvm;
    private static List<Path> python;

    private GrowthDumps() {
    }

    public static synchronized List<Path> jvm() {
        if (jvm == null) {
            try {
                Path dir = Path.of("target", "heap-dumps", "growing");
                Path classes = Path.of(GrowingApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                run(List.of(java.toString(), "-Xshare:off", "-Xmx256m", "-cp", classes.toString(), GrowingApp.class.getName(),
                        dir.toString(), Integer.toString(STEPS)), "GrowingApp");
                jvm = steps(dir, ".hprof");
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return jvm;
    }

    public static synchronized List<Path> python() {
        if (python == null) {
            Oracles.require("python3", "apt-get install python3");
            Path dir = Path.of("target", "pyheap", "growing");
            run(List.of("python3", Path.of("src", "test", "resources", "pyheap", "growing.py").toString(),
                    Path.of("src", "main", "python").toString(), dir.toString(), Integer.toString(STEPS)), "growing.py");
            python = steps(dir, ".pyheap.gz");
        }
        return python;
    }

    private static List<Path> steps(Path dir, String suffix) {
        List<Path> out = new ArrayList<>();
        for (int step = 1; step <= STEPS; step++) {
            Path p = dir.resolve("step-" + step + suffix);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("no " + p);
            }
            out.add(p);
        }
        return out;
    }

    private static void run(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " failed: " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
