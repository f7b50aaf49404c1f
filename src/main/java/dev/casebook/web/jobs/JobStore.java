package dev.casebook.web.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs, their dumps and their results live. The embedded implementation is {@link FileJobStore}
 * (the data directory); a shared store for several replicas (a database queue and object storage)
 * implements the same contract: records are written whole, a dump is only attached once complete, and
 * deleting a job removes its dump and result.
 */
public interface JobStore {

    /** A new, empty place for an upload in progress; {@link #attach} moves it into a job, or it is discarded. */
    Path newUpload() throws IOException;

    /** Makes a complete upload the job's dump and saves the record; the upload file is moved, not copied. */
    void create(JobRecord record, Path completedUpload) throws IOException;

    void update(JobRecord record) throws IOException;

    Optional<JobRecord> find(String id);

    /** Every job, newest first. */
    List<JobRecord> all();

    /** The dump of a job, to be read by the analysis. */
    Path dump(String id);

    /** Saves the result document of a succeeded job. */
    void saveResult(String id, byte[] json) throws IOException;

    Optional<byte[]> result(String id) throws IOException;

    /** Saves the browsable part of a succeeded job's dominator tree (written before the result). */
    void saveDominators(String id, byte[] index) throws IOException;

    Optional<byte[]> dominators(String id) throws IOException;

    /** Saves a succeeded job's census by class and path shape (written before the result, see CensusCodec). */
    void saveCensus(String id, byte[] census) throws IOException;

    Optional<byte[]> census(String id) throws IOException;

    /** Deletes the dump (kept: the record and the result). */
    void deleteDump(String id) throws IOException;

    /** Deletes the dump, the result, the dominator tree and the census, keeping the record. */
    void deleteData(String id) throws IOException;

    /** Deletes everything about the job. */
    void delete(String id) throws IOException;

    /** Free bytes where dumps are written. */
    long usableSpace() throws IOException;
}
