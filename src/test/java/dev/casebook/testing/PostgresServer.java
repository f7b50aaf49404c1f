package dev.casebook.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for the tests, started by them: Debian's binaries ({@code /usr/lib/postgresql/N/bin},
 * or {@code initdb} on PATH), a cluster made with {@code initdb} under {@code target/}, started with
 * {@code pg_ctl} on a free loopback port and its own unix-socket directory, so it never meets a server
 * the machine runs. As root (CI) PostgreSQL refuses to run, so it runs as {@code postgres} through
 * {@code runuser}, on a directory given to that user. One server per test JVM ({@link #shared()}),
 * stopped and removed by a shutdown hook; each test class takes a database of its own
 * ({@link #newDatabase()}). Without PostgreSQL the calling test fails under CI and is skipped elsewhere
 * ({@link Prerequisites#missing}).
 */
public final class PostgresServer {

    private static final String SUPERUSER = "casebook";
    private static PostgresServer shared;

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asPostgres;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path root, int port, boolean asPostgres) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The test JVM's server, started on first use; skips or fails the caller when PostgreSQL is missing. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            Path bin = findBinaries();
            if (bin == null) {
                Prerequisites.missing("PostgreSQL (initdb, pg_ctl) is not installed: apt-get install postgresql-15");
            }
            try {
                shared = start(bin);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    /** A new empty database on this server. */
    public DataSource newDatabase() {
        String name = "casebook_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url(name));
        ds.setUser(SUPERUSER);
        return ds;
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    static Path findBinaries() {
        List<Path> candidates = new ArrayList<>();
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                // The newest installed version first.
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p.getParent())).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path initdb = Paths.get(dir).resolve("initdb");
            if (Files.isExecutable(initdb)) {
                try {
                    candidates.add(initdb.toRealPath().getParent());
                } catch (IOException e) {
                    // A dangling link on PATH: not a PostgreSQL.
                }
            }
        }
        return candidates.stream()
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .findFirst().orElse(null);
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static PostgresServer start(Path bin) throws IOException {
        Path target = Files.createDirectories(Paths.get("target").toAbsolutePath());
        Path root = Files.createTempDirectory(target, "postgres-");
        boolean asPostgres = "root".equals(System.getProperty("user.name"));
        PostgresServer server = new PostgresServer(bin, root, freePort(), asPostgres);
        Files.createDirectories(root.resolve("socket"));
        if (asPostgres) {
            // PostgreSQL will not run as root: the cluster belongs to postgres, which must also reach it.
            run(List.of("chown", "-R", "postgres:postgres", root.toString()), root);
            run(List.of("chmod", "o+x", target.toString()), root);
        }
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", server.data.toString(), "-U", SUPERUSER,
                "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        // fsync off: a test cluster is thrown away, and every commit would otherwise wait for the disk.
        server.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data.toString(), "-l",
                root.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + server.port + " -h 127.0.0.1 -k " + root.resolve("socket") + " -F -c max_connections=200",
                "start"));
        return server;
    }

    /** Stops the server at once and removes its files. */
    public void stop() {
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException | RuntimeException e) {
            System.err.println("postgres: could not stop the test server in " + root + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left in target/, which the next clean removes.
        }
    }

    private void pg(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, root);
    }

    private static void run(List<String> command, Path dir) throws IOException {
        Path out = Files.createTempFile("postgres-cmd", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
