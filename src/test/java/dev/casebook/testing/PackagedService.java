package dev.casebook.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar, built by {@code package}) run as a
 * separate process on a free loopback port, as a user runs it. For integration tests.
 */
public final class PackagedService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static PackagedService start(Path dataDir, String... extraProperties) throws Exception {
        return start(dataDir, java.util.Map.of(), extraProperties);
    }

    /** As {@link #start(Path, String...)}, with extra environment variables (a replica's HOSTNAME, say). */
    public static PackagedService start(Path dataDir, java.util.Map<String, String> environment, String... extraProperties)
            throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/quarkus-app/quarkus-run.jar is missing: integration tests run after ./mvnw package");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile(Path.of("target"), "packaged-service", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dquarkus.http.port=" + port, "-Dcasebook.data-dir=" + dataDir.toAbsolutePath()));
        for (String p : extraProperties) {
            command.add("-D" + p);
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        PackagedService service = new PackagedService(process, port, log);
        service.awaitReady();
        return service;
    }

    private void awaitReady() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not ready in 60 s: " + Files.readString(log));
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Polls a job until it is neither queued nor running (two minutes at most); returns its state. */
    public String awaitFinal(String jobId) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            String state = io.restassured.RestAssured.given().baseUri(baseUri()).get("/v1/jobs/" + jobId)
                    .then().statusCode(200).extract().jsonPath().getString("state");
            if (!state.equals("queued") && !state.equals("running")) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not finish in 2 minutes");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** kill -STOP / kill -CONT: the process stops dead (no thread runs, no socket answers) and goes on later. */
    public void pause(boolean paused) throws IOException, InterruptedException {
        new ProcessBuilder("kill", paused ? "-STOP" : "-CONT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** kill -9: no shutdown hook runs, nothing is flushed; what is on disk is all there is. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
