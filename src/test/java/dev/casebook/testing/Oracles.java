package dev.casebook.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real encoders (src/test/resources/oracles) as separate processes. A missing interpreter
 * is a {@link Prerequisites#missing missing prerequisite}.
 */
public final class Oracles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Oracles() {
    }

    /** Fails under CI, aborts loudly elsewhere, when {@code tool} is not on PATH. */
    public static void require(String tool, String install) {
        if (which(tool) != null) {
            return;
        }
        Prerequisites.missing("'" + tool + "' is not on PATH, so what needs it is not checked. Install it: " + install);
    }

    public static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Environment for {@code go run} with its caches under {@code work}, no module mode and no toolchain download. */
    public static Map<String, String> goEnvironment(Path work) {
        Path go = work.resolve("go");
        return Map.of("GOCACHE", go.resolve("cache").toString(), "GOPATH", go.resolve("path").toString(), "GO111MODULE", "off",
                "GOTOOLCHAIN", "local", "GOFLAGS", "");
    }

    /** Copies an oracle script out of the test resources into {@code dir}. */
    public static Path script(String name, Path dir) throws IOException {
        try (InputStream in = Oracles.class.getClassLoader().getResourceAsStream("oracles/" + name)) {
            if (in == null) {
                throw new IOException("missing oracle resource " + name);
            }
            Path target = dir.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }

    /**
     * Feeds the bodies to the command, one base64 line each, and returns its one JSON line per body.
     */
    public static List<JsonNode> run(List<String> command, Map<String, String> env, List<byte[]> bodies, Path workDir)
            throws IOException, InterruptedException {
        Path input = Files.createTempFile(workDir, "bodies", ".b64");
        Path output = Files.createTempFile(workDir, "results", ".jsonl");
        Path errors = Files.createTempFile(workDir, "stderr", ".txt");
        StringBuilder lines = new StringBuilder();
        for (byte[] b : bodies) {
            lines.append(Base64.getEncoder().encodeToString(b)).append('\n');
        }
        Files.writeString(input, lines, StandardCharsets.US_ASCII);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(input.toFile()).redirectOutput(output.toFile()).redirectError(errors.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("oracle " + command + " did not finish in 300 s");
        }
        if (p.exitValue() != 0) {
            fail("oracle " + command + " exited " + p.exitValue() + ": " + Files.readString(errors));
        }
        List<JsonNode> results = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                results.add(MAPPER.readTree(line));
            }
        }
        assertEquals(bodies.size(), results.size(), "oracle " + command + " answered every body; stderr: " + Files.readString(errors));
        return results;
    }

    /**
     * The npm packages at pinned versions ({@code name@version}) under {@code prefix}/node_modules, installed
     * together in one command when any is missing or at another version (an install without a package.json
     * removes what it was not asked for); returns that node_modules.
     */
    public static Path npmPackages(Path prefix, String... pinned) {
        Path modules = prefix.resolve("node_modules");
        boolean present = java.util.Arrays.stream(pinned).allMatch(p -> npmVersionIs(
                modules.resolve(p.substring(0, p.lastIndexOf('@'))), p.substring(p.lastIndexOf('@') + 1)));
        if (!present) {
            require("npm", "apt-get install npm");
            List<String> command = new ArrayList<>(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--silent",
                    "--prefix", prefix.toString()));
            command.addAll(List.of(pinned));
            if (output(command.toArray(String[]::new)) == null) {
                fail("npm could not install " + String.join(", ", pinned));
            }
        }
        return modules.toAbsolutePath();
    }

    /** Whether the npm package installed in {@code packageDir} is at {@code version} (its package.json says so). */
    public static boolean npmVersionIs(Path packageDir, String version) {
        try {
            return version.equals(MAPPER.readTree(packageDir.resolve("package.json").toFile()).path("version").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a short command and returns its standard output, or null when it fails. */
    public static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
