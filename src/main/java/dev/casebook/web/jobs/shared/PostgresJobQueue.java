package dev.casebook.web.jobs.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobRunner;
import dev.casebook.web.jobs.JobState;
import dev.casebook.web.jobs.QueueFullException;
import dev.casebook.web.jobs.TooManyJobsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The job queue several replicas share, in PostgreSQL's {@code jobs} table (db/migration), over plain
 * JDBC. Contract:
 * <ul>
 * <li>{@link #submit} inserts a queued job, or refuses it as the local runner does
 * ({@link TooManyJobsException}, {@link QueueFullException}); the counts and the insert are one
 * transaction under advisory locks (the owner's, then the queue's), so limits hold across replicas.</li>
 * <li>{@link #claim} hands the oldest queued job, or a running one whose lease lapsed, to exactly one
 * replica ({@code FOR UPDATE SKIP LOCKED}), with a lease and one more attempt counted; an abandoned job
 * that already had {@code maxAttempts} starts is failed with that reason instead.</li>
 * <li>{@link #heartbeat} renews the lease and stores progress; it answers whether the lease is still held
 * and whether the job was cancelled. A replica told it no longer holds the lease stops and writes
 * nothing: {@link #succeed}, {@link #fail} and {@link #requeue} only change a job whose lease the caller
 * holds now, and answer false otherwise, leaving the row as it was.</li>
 * <li>{@link #cancel} comes from any replica and ends a queued or running job at once; the replica running
 * it learns so at its next heartbeat.</li>
 * <li>{@link #purgeFinishedBefore} deletes expired finished jobs on one replica at a time.</li>
 * </ul>
 * Every time is the database's ({@code now()}, {@code clock_timestamp()}): replicas whose clocks
 * disagree still agree on who holds a lease. Errors are the driver's {@link SQLException}s.
 */
public final class PostgresJobQueue {

    /** The queue's limits, the same settings as the local runner's (casebook.jobs.*). */
    public record Limits(int queueSize, int maxActivePerOwner, int retryAfterSeconds, int maxAttempts) {
    }

    /** What a heartbeat learnt: whether the caller still holds the job, and whether it was cancelled. */
    public record Heartbeat(boolean held, boolean cancelled) {
    }

    /** Where a job's objects live in object storage; null for one not written (or not yet). */
    public record ObjectKeys(String dump, String result, String dominators, String census) {
    }

    /** Advisory lock keys: the one-key space for the queue and the purge, the two-key space per owner. */
    private static final long QUEUE_LOCK = 0x6361_7365_0001L;
    private static final long PURGE_LOCK = 0x6361_7365_0002L;
    private static final int OWNER_LOCK_SPACE = 0x6361_7365;

    static final String INTERRUPTED = "The analysis was interrupted";

    private final DataSource db;
    private final JobRows rows;
    private final Limits limits;

    public PostgresJobQueue(DataSource db, ObjectMapper mapper, Limits limits) {
        this.db = db;
        this.rows = new JobRows(mapper);
        this.limits = limits;
    }

    /**
     * Stores {@code job} as queued (its state, times and attempts are the database's to set), with the key
     * of its dump in object storage. Refuses it when its owner has as many jobs queued or running as one
     * may, or the queue is full. Returns the stored record.
     */
    public JobRecord submit(JobRecord job, String dumpKey) throws SQLException {
        return inTransaction(c -> {
            checkRoom(c, job.owner());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (id, owner, state, format, query, dump_bytes,"
                    + " compressed, created_at, attempts, dump_key) VALUES (?, ?, 'queued', ?, ?::jsonb, ?, ?,"
                    + " clock_timestamp(), 0, ?) RETURNING " + JobRows.COLUMNS)) {
                s.setString(1, job.id());
                s.setString(2, job.owner());
                s.setString(3, job.format());
                s.setString(4, rows.json(job.query()));
                s.setLong(5, job.dumpBytes());
                s.setBoolean(6, job.compressed());
                s.setString(7, dumpKey);
                return one(s).orElseThrow();
            }
        });
    }

    /** Refuses as {@link #submit} would, without storing anything: for a refusal before an upload is read. */
    public void checkRoom(String owner) throws SQLException {
        inTransaction(c -> {
            checkRoom(c, owner);
            return null;
        });
    }

    private void checkRoom(Connection c, String owner) throws SQLException {
        // The owner's lock first, then the queue's: always in this order, so two submissions never deadlock.
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            s.setInt(1, OWNER_LOCK_SPACE);
            s.setString(2, owner);
            s.execute();
        }
        long active = count(c, "SELECT count(*) FROM jobs WHERE owner = ? AND state IN ('queued', 'running')", owner);
        if (active >= limits.maxActivePerOwner()) {
            throw new TooManyJobsException(active, limits.maxActivePerOwner(), limits.retryAfterSeconds());
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, QUEUE_LOCK);
            s.execute();
        }
        long queued = count(c, "SELECT count(*) FROM jobs WHERE state = 'queued'", null);
        if (queued >= limits.queueSize()) {
            throw new QueueFullException(queued, limits.retryAfterSeconds());
        }
    }

    public Optional<JobRecord> find(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + JobRows.COLUMNS + " FROM jobs WHERE id = ?")) {
            s.setString(1, id);
            return one(s);
        }
    }

    /** Every job, newest first. */
    public List<JobRecord> all() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + JobRows.COLUMNS
                        + " FROM jobs ORDER BY created_at DESC, id")) {
            return list(s);
        }
    }

    /** One owner's jobs, newest first. */
    public List<JobRecord> ownedBy(String owner) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + JobRows.COLUMNS
                        + " FROM jobs WHERE owner = ? ORDER BY created_at DESC, id")) {
            s.setString(1, owner);
            return list(s);
        }
    }

    /** How many jobs are in {@code state}: one indexed count, for the metrics. */
    public long count(JobState state) throws SQLException {
        try (Connection c = db.getConnection()) {
            return count(c, "SELECT count(*) FROM jobs WHERE state = ?", state.apiName());
        }
    }

    /** Where the job's dump, result, dominator tree and census live in object storage, or empty for no such job. */
    public Optional<ObjectKeys> keys(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT dump_key, result_key, dominators_key, census_key FROM jobs WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new ObjectKeys(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** What a running job reported at its last heartbeat, or empty. */
    public Optional<JobRunner.Progress> progress(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT progress_phase, progress_percent FROM jobs"
                        + " WHERE id = ? AND state = 'running' AND progress_phase IS NOT NULL")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new JobRunner.Progress(rs.getString(1), rs.getInt(2))) : Optional.empty();
            }
        }
    }

    /**
     * Gives the oldest job waiting for a replica to {@code replica}, with a lease of {@code lease}: a queued
     * job, or a running one whose lease lapsed (its replica died or stalled), which counts one more attempt.
     * Empty when no job waits. Jobs abandoned too often are never claimed: {@link #failExhausted} ends them.
     */
    public Optional<JobRecord> claim(String replica, Duration lease) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'running', lease_owner = ?,"
                        + " lease_until = now() + make_interval(secs => ?), attempts = attempts + 1, started_at = now(),"
                        + " progress_phase = NULL, progress_percent = NULL"
                        + " WHERE id = (SELECT id FROM jobs WHERE state = 'queued'"
                        + "   OR (state = 'running' AND lease_until < now() AND attempts < ?)"
                        + "   ORDER BY created_at, id FOR UPDATE SKIP LOCKED LIMIT 1)"
                        + " RETURNING " + JobRows.COLUMNS)) {
            s.setString(1, replica);
            s.setDouble(2, seconds(lease));
            s.setInt(3, limits.maxAttempts());
            return one(s);
        }
    }

    /**
     * Fails the running jobs whose lease lapsed after {@code maxAttempts} starts: each start ended with its
     * replica gone (a dump that exhausts memory kills every replica that tries it), so none is tried again.
     * Returns the failed jobs.
     */
    public List<JobRecord> failExhausted() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'failed', finished_at = now(),"
                        + " error_title = ?, error_detail = 'the replica analysing this dump stopped before it finished, '"
                        + "   || attempts || ' times (casebook.jobs.max-attempts); it is not started again"
                        + " (a dump that exhausts memory can do this)',"
                        + " lease_owner = NULL, lease_until = NULL, progress_phase = NULL, progress_percent = NULL"
                        + " WHERE id IN (SELECT id FROM jobs WHERE state = 'running' AND lease_until < now()"
                        + "   AND attempts >= ? FOR UPDATE SKIP LOCKED)"
                        + " RETURNING " + JobRows.COLUMNS)) {
            s.setString(1, INTERRUPTED);
            s.setInt(2, limits.maxAttempts());
            return list(s);
        }
    }

    /**
     * Renews {@code replica}'s lease on a running job for {@code lease} from now and stores its progress.
     * Not held (false) when the lease lapsed, another replica took the job over, or it ended; cancelled
     * when its owner cancelled it (or it was deleted). Either way the replica stops and writes nothing.
     */
    public Heartbeat heartbeat(String id, String replica, Duration lease, JobRunner.Progress progress)
            throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("WITH renewed AS (UPDATE jobs"
                        + "   SET lease_until = now() + make_interval(secs => ?), progress_phase = ?, progress_percent = ?"
                        + "   WHERE id = ? AND state = 'running' AND lease_owner = ? AND lease_until > now() RETURNING id)"
                        + " SELECT EXISTS (SELECT 1 FROM renewed),"
                        + "   coalesce((SELECT cancel_requested FROM jobs WHERE id = ?), true)")) {
            s.setDouble(1, seconds(lease));
            s.setString(2, progress == null ? null : progress.phase());
            if (progress == null) {
                s.setNull(3, java.sql.Types.INTEGER);
            } else {
                s.setInt(3, progress.percent());
            }
            s.setString(4, id);
            s.setString(5, replica);
            s.setString(6, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Heartbeat(rs.getBoolean(1), rs.getBoolean(2));
            }
        }
    }

    /** Marks the job succeeded with where its result, dominator tree and census were written, if {@code replica} holds it. */
    public boolean succeed(String id, String replica, String resultKey, String dominatorsKey, String censusKey)
            throws SQLException {
        return guarded("state = 'succeeded', finished_at = now(), result_key = ?, dominators_key = ?, census_key = ?", id,
                replica, resultKey, dominatorsKey, censusKey);
    }

    /** Marks the job failed with a title and detail a person can act on, if {@code replica} holds it. */
    public boolean fail(String id, String replica, String title, String detail) throws SQLException {
        return guarded("state = 'failed', finished_at = now(), error_title = ?, error_detail = ?", id, replica, title,
                detail);
    }

    /** Back to the queue (its replica is shutting down), this start not counted, if {@code replica} holds it. */
    public boolean requeue(String id, String replica) throws SQLException {
        return guarded("state = 'queued', started_at = NULL, attempts = greatest(attempts - 1, 0)", id, replica);
    }

    /** One state change of a running job, made only while {@code replica} holds its lease. */
    private boolean guarded(String set, String id, String replica, String... values) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE jobs SET " + set + ", lease_owner = NULL,"
                        + " lease_until = NULL, progress_phase = NULL, progress_percent = NULL"
                        + " WHERE id = ? AND state = 'running' AND lease_owner = ? AND lease_until > now()")) {
            int i = 1;
            for (String v : values) {
                s.setString(i++, v);
            }
            s.setString(i++, id);
            s.setString(i, replica);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Cancels a queued or running job, from any replica: its record says cancelled at once, and the replica
     * running it (if any) learns so at its next heartbeat. False when there is no such job or it had ended.
     */
    public boolean cancel(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'cancelled', finished_at = now(),"
                        + " cancel_requested = true, lease_until = NULL, progress_phase = NULL, progress_percent = NULL"
                        + " WHERE id = ? AND state IN ('queued', 'running')")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Deletes the job's row; false when there was none. Its objects are the caller's to delete. */
    public boolean delete(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Deletes what a job keeps outside the database (its objects); throws when it could not. */
    public interface JobDataDeleter {
        void delete(String id) throws java.io.IOException;
    }

    /** As {@link #purgeFinishedBefore(Duration, JobDataDeleter)}, for jobs that keep nothing outside the database. */
    public Optional<List<String>> purgeFinishedBefore(Duration retention) throws SQLException {
        return purgeFinishedBefore(retention, id -> { });
    }

    /**
     * Deletes the jobs that finished more than {@code retention} ago and returns their ids; empty (not run)
     * when another replica is purging right now. Each job's data goes first ({@code data}), then its row:
     * a job whose data could not be deleted keeps its row, so the next purge tries again rather than
     * losing track of what it left in the bucket.
     */
    public Optional<List<String>> purgeFinishedBefore(Duration retention, JobDataDeleter data) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                s.setLong(1, PURGE_LOCK);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
            }
            List<String> expired = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM jobs WHERE finished_at IS NOT NULL"
                    + " AND finished_at < now() - make_interval(secs => ?) ORDER BY finished_at")) {
                s.setDouble(1, seconds(retention));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        expired.add(rs.getString(1));
                    }
                }
            }
            List<String> purged = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                for (String id : expired) {
                    try {
                        data.delete(id);
                    } catch (java.io.IOException | RuntimeException e) {
                        continue; // kept, with its row, for the next purge
                    }
                    s.setString(1, id);
                    s.executeUpdate();
                    purged.add(id);
                }
            }
            return Optional.of(purged);
        });
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private Optional<JobRecord> one(PreparedStatement s) throws SQLException {
        List<JobRecord> found = list(s);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<JobRecord> list(PreparedStatement s) throws SQLException {
        List<JobRecord> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(rows.record(rs));
            }
        }
        return found;
    }

    private static long count(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (param != null) {
                s.setString(1, param);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
