package dev.casebook.testing;

import dev.casebook.web.jobs.shared.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for the shared store's tests: s3proxy (its jar-with-dependencies, which the build
 * copies to target/s3proxy and keeps off the classpath, since it bundles its own Jetty and Jackson) run
 * as a child process on a free loopback port, keeping its buckets as directories under target/
 * ({@code filesystem-nio2}) and checking AWS signatures against a test identity. Stopped by
 * {@link #close}, or by a shutdown hook when the test JVM ends first. Without the jar the test is a
 * {@link Prerequisites#missing missing prerequisite}.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");
    public static final String ACCESS_KEY = "casebook-test";
    public static final String SECRET_KEY = "casebook-test-secret";
    public static final String REGION = "us-east-1";

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private S3ProxyServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "s3proxy-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server with empty storage and waits until it answers. */
    public static S3ProxyServer start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            Prerequisites.missing(JAR + " is missing: ./mvnw generate-test-resources copies org.gaul:s3proxy's"
                    + " jar-with-dependencies there (maven-dependency-plugin)");
        }
        int port = freePort();
        Path home = Files.createDirectories(Path.of("target", "s3proxy-runs")).toAbsolutePath();
        Path run = Files.createTempDirectory(home, "run-");
        Path data = Files.createDirectories(run.resolve("data"));
        Path properties = run.resolve("s3proxy.properties");
        Files.write(properties, List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + data));
        Path log = run.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A small, quickly started JVM: the tests send tens of MB, not gigabytes.
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toAbsolutePath().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port, log);
        try {
            server.awaitAnswer();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Any HTTP answer will do (an unsigned request gets 403): it means Jetty is serving. */
    private void awaitAnswer() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                http.send(HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("s3proxy did not answer on " + endpoint() + " within 60 s: " + logTail());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Settings for {@code bucket} on this server, path-style, with the test identity. */
    public S3Settings settings(String bucket) {
        return settings(endpoint(), bucket);
    }

    /** Settings for {@code bucket} with this server's identity at another address (a proxy in front of it). */
    public static S3Settings settings(URI endpoint, String bucket) {
        return new S3Settings(Optional.of(endpoint), bucket, REGION, Optional.of(ACCESS_KEY), Optional.of(SECRET_KEY), true);
    }

    /** A plain client to this server, for a test to look at the bucket other than through the code under test. */
    public S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to stop
        }
        deleteRun();
    }

    /** The run's directory, its buckets and its log, goes with the server. */
    private void deleteRun() {
        Path run = log.getParent();
        try (Stream<Path> files = Files.walk(run)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
