package dev.casebook.web.jobs.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.testing.PostgresServer;
import dev.casebook.web.jobs.JobQuery;
import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A fresh database on the test PostgreSQL, migrated by Flyway from the service's own migrations, and the
 * small reads and writes the tests make behind the queue's back (to look at a row as it is, or to age one).
 */
final class SharedQueueDatabase {

    final DataSource db;

    SharedQueueDatabase() {
        db = PostgresServer.shared().newDatabase();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
    }

    PostgresJobQueue queue(PostgresJobQueue.Limits limits) {
        return new PostgresJobQueue(db, new ObjectMapper(), limits);
    }

    static JobRecord newJob(String owner) {
        JobQuery query = new JobQuery(List.of(0x1234L), List.of("com.example.Room"), true, 3, "hprof", false, 25, 7.5);
        return new JobRecord(UUID.randomUUID().toString(), owner, JobState.QUEUED, "hprof", query, 4096, true, null,
                null, null, null, null, 0);
    }

    /** The whole row as the database holds it, as JSON text: to show a refused write changed nothing. */
    String row(String id) throws SQLException {
        return text("SELECT row_to_json(j)::text FROM jobs j WHERE id = ?", id);
    }

    String text(String sql, String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    void execute(String sql, String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    /** Waits until the database's clock has passed the job's lease (never the JVM's). */
    void awaitLeaseLapsed(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"true".equals(text("SELECT (lease_until < now())::text FROM jobs WHERE id = ?", id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the lease of " + id + " never lapsed");
            }
            Thread.sleep(50);
        }
    }
}
