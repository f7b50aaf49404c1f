package dev.casebook.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Replicas of the packaged service in shared mode, as an operator runs them: separate JVMs sharing one
 * new database on the test PostgreSQL and one bucket on a new s3proxy. Replica {@code i} runs with
 * HOSTNAME {@code replica-i}, so the lease names in the database say which process holds a job. Every
 * start is remembered (killed ones too), so that a test can read every log a replica wrote.
 */
public final class ReplicaSet implements AutoCloseable {

    public static final String BUCKET = "replicas";

    private final DataSource db;
    private final S3ProxyServer s3;
    private final Path data;
    private final List<String> properties;
    private final PackagedService[] replicas;
    private final List<PackagedService> everyStart = new CopyOnWriteArrayList<>();

    private ReplicaSet(DataSource db, S3ProxyServer s3, Path data, List<String> properties, int size) {
        this.db = db;
        this.s3 = s3;
        this.data = data;
        this.properties = properties;
        this.replicas = new PackagedService[size];
    }

    /** Starts {@code size} replicas with the shared store's settings plus {@code extra} (key=value). */
    public static ReplicaSet start(int size, List<String> extra) throws Exception {
        DataSource db = PostgresServer.shared().newDatabase();
        PGSimpleDataSource pg = (PGSimpleDataSource) db;
        S3ProxyServer s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        List<String> properties = new ArrayList<>(List.of("casebook.store.kind=shared",
                "quarkus.datasource.jdbc.url=" + PostgresServer.shared().url(pg.getDatabaseName()),
                "quarkus.datasource.username=" + pg.getUser(), "quarkus.datasource.password=",
                "casebook.store.s3.endpoint=" + s3.endpoint(), "casebook.store.s3.bucket=" + BUCKET,
                "casebook.store.s3.region=" + S3ProxyServer.REGION, "casebook.store.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
                "casebook.store.s3.secret-key=" + S3ProxyServer.SECRET_KEY, "casebook.store.s3.path-style=true",
                "casebook.jobs.warm-up-rounds=0"));
        properties.addAll(extra);
        ReplicaSet set = new ReplicaSet(db, s3, Files.createTempDirectory(Path.of("target"), "replicas"), properties, size);
        try {
            for (int i = 0; i < size; i++) {
                set.start(i);
            }
        } catch (Exception e) {
            set.close();
            throw e;
        }
        return set;
    }

    /** Starts replica {@code i} (again, after a kill: on a new port). */
    public void start(int i) throws Exception {
        Path dir = data.resolve("replica-" + i);
        List<String> props = new ArrayList<>(properties);
        props.add("casebook.store.scratch-dir=" + scratch(i));
        replicas[i] = PackagedService.start(dir, Map.of("HOSTNAME", "replica-" + i), props.toArray(String[]::new));
        everyStart.add(replicas[i]);
    }

    /** SIGKILL replica {@code i}, then start it again (on a new port). */
    public void restart(int i) throws Exception {
        replicas[i].kill();
        start(i);
    }

    /** Replica {@code i}'s scratch directory (upload parts on their way up, dumps on their way to the analysis). */
    public Path scratch(int i) {
        return data.resolve("replica-" + i).resolve("scratch").toAbsolutePath();
    }

    public PackagedService replica(int i) {
        return replicas[i];
    }

    public int size() {
        return replicas.length;
    }

    /** Every process any replica ran as, killed ones included, oldest first. */
    public List<PackagedService> everyStart() {
        return List.copyOf(everyStart);
    }

    public S3ProxyServer s3() {
        return s3;
    }

    /** Which replica holds the lease on a running job now, if one does. */
    public Optional<Integer> leaseHolder(String id) throws SQLException {
        String owner = text("SELECT lease_owner FROM jobs WHERE id = ? AND state = 'running'", id);
        return owner == null ? Optional.empty() : Optional.of(Integer.parseInt(owner.replaceAll("^replica-(\\d+)-.*", "$1")));
    }

    /** One value from the jobs table for one job (or null). */
    public String text(String sql, String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public long rows() throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM jobs");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        for (PackagedService service : everyStart) {
            if (service.isAlive()) {
                service.pause(false);
                service.kill();
            }
        }
        s3.close();
    }
}
