package dev.casebook.testing;

import dev.casebook.testing.leaks.LeakyApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Real heap dumps for tests, written by a separate JVM running {@link LeakyApp} with the JDK's own
 * {@code HotSpotDiagnosticMXBean.dumpHeap}. Each kind is written once per build under
 * {@code target/heap-dumps/} and shared by the tests that need it.
 */
public final class HeapDumps {

    private static final Path DIR = Path.of("target", "heap-dumps");
    private static final ConcurrentHashMap<String, Path> WRITTEN = new ConcurrentHashMap<>();

    private HeapDumps() {
    }

    /** A dump of live objects only (the JVM runs a full GC first). */
    public static Path leakyLive() {
        return dump("leaky-live", "live", 50);
    }

    /** A dump of all objects, garbage included. */
    public static Path leakyAll() {
        return dump("leaky-all", "all", 50);
    }

    /**
     * A live dump of a JVM with class-data sharing on, as every JVM runs by default (the other dumps turn it
     * off, for dumps that do not depend on the JDK's archive): JDK 16+ then leaves the archived heap's objects
     * out of the dump while its roots array, held by a JNI global, still names them.
     */
    public static Path leakyLiveWithCds() {
        return WRITTEN.computeIfAbsent("leaky-live-cds",
                n -> write(DIR.resolve(n + ".hprof"), "live", 50, List.of("-Xshare:auto")));
    }

    /** A live dump with {@code rooms} Room instances in the static map, for benchmarks. */
    public static Path leakyLive(int rooms) {
        return dump("leaky-live-" + rooms, "live", rooms);
    }

    /** VisualVM keeps an index beside each dump it opened; a rewritten dump must not meet a stale one. */
    private static void deleteCaches(Path dump) throws IOException {
        try (var siblings = Files.list(dump.getParent())) {
            for (Path p : siblings.filter(f -> f.getFileName().toString().startsWith(dump.getFileName() + ".nbcache")).toList()) {
                try (var walk = Files.walk(p)) {
                    for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    private static Path dump(String name, String mode, int rooms) {
        return WRITTEN.computeIfAbsent(name, n -> write(DIR.resolve(n + ".hprof"), mode, rooms, List.of()));
    }

    /** Writes a dump with a JVM started with {@code jvmOptions} (e.g. a larger heap). */
    public static Path write(Path out, String mode, int rooms, List<String> jvmOptions) {
        return write(out, mode, rooms, 0, jvmOptions);
    }

    /** As {@link #write(Path, String, int, List)}, with {@code ballast} filler objects (two objects each). */
    public static Path write(Path out, String mode, int rooms, int ballast, List<String> jvmOptions) {
        try {
            Files.createDirectories(out.getParent());
            deleteCaches(out);
            Path classes = Path.of(LeakyApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            // -Xshare:off unless the options turn it on again (the last -Xshare wins).
            List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xshare:off"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classes.toString(), LeakyApp.class.getName(), out.toString(), mode,
                    Integer.toString(rooms), Integer.toString(ballast)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("LeakyApp did not finish writing " + out);
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(out)) {
                throw new IllegalStateException("LeakyApp failed (" + process.exitValue() + "): "
                        + Files.readString(out.resolveSibling(out.getFileName() + ".log")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
