package dev.casebook.web.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs, their dumps and their results live, as the HTTP layer sees them: uploads become jobs, and
 * jobs are read back, whichever replica ran them. Two stores implement it: {@link FileJobStore} (the
 * data directory, one replica) and {@link dev.casebook.web.jobs.shared.SharedJobStore} (PostgreSQL and
 * object storage, several replicas). How a job runs, and writes its state and result, is its
 * {@link JobRunner}'s business. Records are written whole, a dump is only attached to a job once complete,
 * and an upload that does not become a job leaves nothing behind.
 */
public interface JobStore {

    /**
     * An upload under way, to become the dump of the job with id {@link #id()}. Closing it discards
     * whatever it received unless {@link #create} took it over; closing twice is harmless.
     */
    interface Upload extends AutoCloseable {

        /** The id the job made from this upload has. */
        String id();

        /** Stores everything {@code dump} holds, to its end; returns how many bytes that was. */
        long receive(InputStream dump) throws IOException;

        /** Stores a file already on local disk (a multipart part); the store may move it rather than copy. */
        default long receiveFile(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                return receive(in);
            }
        }

        @Override
        void close() throws IOException;
    }

    /** A new, empty place for an upload, with the id its job will have. */
    Upload newUpload() throws IOException;

    /**
     * Makes a complete upload the dump of {@code record} (whose id is the upload's) and stores the record
     * as queued; returns the record as stored. A shared store also checks, in the same transaction, that
     * the owner and the queue still have room ({@link TooManyJobsException}, {@link QueueFullException}).
     */
    JobRecord create(JobRecord record, Upload completed) throws IOException;

    Optional<JobRecord> find(String id);

    /** Every job, newest first. */
    List<JobRecord> all();

    /** One owner's jobs, newest first. */
    default List<JobRecord> ownedBy(String owner) {
        return all().stream().filter(j -> j.owner().equals(owner)).toList();
    }

    /** How many jobs are in {@code state} now (for the metrics' gauges, read at every scrape). */
    default long count(JobState state) {
        return all().stream().filter(j -> j.state() == state).count();
    }

    /** The result document of a succeeded job. */
    Optional<byte[]> result(String id) throws IOException;

    /** The browsable part of a succeeded job's dominator tree. */
    Optional<byte[]> dominators(String id) throws IOException;

    /** A succeeded job's census by class and path shape (CensusCodec bytes), for growth between jobs. */
    Optional<byte[]> census(String id) throws IOException;

    /**
     * Free bytes where uploads are written, for the disk reserve ({@code casebook.jobs.min-free-disk});
     * {@link Long#MAX_VALUE} when they go to object storage and no local disk fills up with them.
     */
    long usableSpace() throws IOException;
}
