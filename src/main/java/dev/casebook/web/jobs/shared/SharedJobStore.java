package dev.casebook.web.jobs.shared;

import dev.casebook.web.jobs.JobRecord;
import dev.casebook.web.jobs.JobState;
import dev.casebook.web.jobs.JobStore;
import dev.casebook.web.jobs.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The jobs of several replicas: records in the PostgreSQL queue ({@link PostgresJobQueue}), dumps and
 * results in object storage ({@link ObjectStorage}). An upload streams straight into the bucket under
 * its job's prefix, part by part, and becomes a job only when the queue takes its row; an upload that
 * does not (cut off, refused, the database down) is deleted from the bucket. Whatever a replica wrote,
 * any replica reads. A database or bucket that fails is a {@link StoreUnavailableException}.
 */
public final class SharedJobStore implements JobStore {

    private static final Logger LOG = Logger.getLogger(SharedJobStore.class);

    private final PostgresJobQueue queue;
    private final ObjectStorage storage;

    public SharedJobStore(PostgresJobQueue queue, ObjectStorage storage) {
        this.queue = queue;
        this.storage = storage;
    }

    @Override
    public Upload newUpload() {
        return new BucketUpload(UUID.randomUUID().toString());
    }

    /** A dump on its way into the bucket, at the key its job will name. */
    private final class BucketUpload implements Upload {
        private final String id;
        private boolean sent;
        private boolean created;

        BucketUpload(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        String key() {
            return JobObjectKeys.dump(id);
        }

        @Override
        public long receive(InputStream dump) throws IOException {
            sent = true; // a failed multipart upload aborts itself; a whole PutObject may still have landed
            try {
                return storage.upload(dump, key(), Long.MAX_VALUE);
            } catch (ObjectStorageException e) {
                throw StoreUnavailableException.objectStorage(e);
            }
        }

        @Override
        public void close() {
            if (sent && !created) {
                try {
                    storage.delete(key());
                } catch (IOException e) {
                    // Nothing names it now, so no purge finds it (see the note in SharedJobRunner.purgeExpired); the
                    // caller's failure is the one to report.
                    LOG.warnf("Upload %s was not stored as a job and could not be deleted: %s", id, e.getMessage());
                }
            }
        }
    }

    @Override
    public JobRecord create(JobRecord record, Upload completed) {
        BucketUpload upload = (BucketUpload) completed;
        if (!record.id().equals(upload.id())) {
            throw new IllegalArgumentException("job " + record.id() + " is made from upload " + upload.id()
                    + "; a job's dump lives under its own id");
        }
        try {
            JobRecord stored = queue.submit(record, upload.key());
            upload.created = true;
            return stored;
        } catch (SQLException e) {
            throw StoreUnavailableException.database(e);
        }
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return database(() -> queue.find(id));
    }

    @Override
    public List<JobRecord> all() {
        return database(() -> queue.all());
    }

    @Override
    public List<JobRecord> ownedBy(String owner) {
        return database(() -> queue.ownedBy(owner));
    }

    @Override
    public long count(JobState state) {
        return database(() -> queue.count(state));
    }

    private interface DatabaseCall<T> {
        T run() throws SQLException;
    }

    private static <T> T database(DatabaseCall<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw StoreUnavailableException.database(e);
        }
    }

    @Override
    public Optional<byte[]> result(String id) throws IOException {
        return object(id, PostgresJobQueue.ObjectKeys::result);
    }

    @Override
    public Optional<byte[]> dominators(String id) throws IOException {
        return object(id, PostgresJobQueue.ObjectKeys::dominators);
    }

    @Override
    public Optional<byte[]> census(String id) {
        return object(id, PostgresJobQueue.ObjectKeys::census);
    }

    private Optional<byte[]> object(String id, java.util.function.Function<PostgresJobQueue.ObjectKeys, String> which) {
        try {
            Optional<String> key = queue.keys(id).map(which);
            return key.isEmpty() ? Optional.empty() : storage.get(key.get());
        } catch (SQLException e) {
            throw StoreUnavailableException.database(e);
        } catch (IOException e) {
            throw StoreUnavailableException.objectStorage(e);
        }
    }

    /** Uploads go to the bucket: no local disk fills up with them (a part at a time is spooled). */
    @Override
    public long usableSpace() {
        return Long.MAX_VALUE;
    }
}
