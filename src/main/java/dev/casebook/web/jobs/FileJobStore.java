package dev.casebook.web.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Jobs on local disk under the data directory:
 * <pre>
 *   uploads/              uploads in progress (and multipart parts); emptied at start-up
 *   warm-up/              the start-up warm-up's synthetic dump while it runs (see JobBeans)
 *   jobs/{id}/job.json    the record, replaced atomically on every change
 *   jobs/{id}/dump        the dump, moved in once complete
 *   jobs/{id}/result.json the result of a succeeded job
 *   jobs/{id}/dominators  the browsable part of its dominator tree (gzip, see DominatorIndex)
 *   jobs/{id}/census      its census by class and path shape, for growth between jobs (gzip, see CensusCodec)
 * </pre>
 * A crash leaves either a whole record or none: a job directory without {@code job.json} (a crash
 * between moving the dump in and writing the record) is removed at start-up, as are temporary files.
 * Records are also kept in memory, so polling a job never touches the disk.
 */
public final class FileJobStore implements JobStore {

    private static final Logger LOG = Logger.getLogger(FileJobStore.class);
    private static final String RECORD = "job.json";
    private static final String DUMP = "dump";
    private static final String RESULT = "result.json";
    private static final String DOMINATORS = "dominators";
    private static final String CENSUS = "census";

    private final Path uploads;
    private final Path jobs;
    private final ObjectMapper mapper;
    private final ConcurrentHashMap<String, JobRecord> records = new ConcurrentHashMap<>();

    public FileJobStore(Path dataDir, ObjectMapper mapper) throws IOException {
        this.uploads = Files.createDirectories(dataDir.resolve("uploads"));
        this.jobs = Files.createDirectories(dataDir.resolve("jobs"));
        this.mapper = mapper;
        recover();
    }

    private void recover() throws IOException {
        int removed = deleteChildren(uploads);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jobs)) {
            for (Path dir : dirs) {
                Path record = dir.resolve(RECORD);
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path tmp : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                        Files.deleteIfExists(tmp);
                    }
                }
                if (!Files.isRegularFile(record)) {
                    deleteTree(dir);
                    removed++;
                    continue;
                }
                try {
                    JobRecord job = mapper.readValue(record.toFile(), JobRecord.class);
                    records.put(job.id(), job);
                } catch (IOException e) {
                    // One unreadable record must not keep the service from starting; it is left for a person.
                    LOG.warnf("Skipped the unreadable job record %s (%s)", record, e.getClass().getSimpleName());
                }
            }
        }
        if (removed > 0) {
            LOG.infof("Removed %d unfinished uploads left by an earlier run", removed);
        }
    }

    @Override
    public FileUpload newUpload() throws IOException {
        String id = UUID.randomUUID().toString();
        return new FileUpload(id, Files.createFile(uploads.resolve(id + ".part")));
    }

    /** An upload written to a file under {@code uploads/}, moved into its job's directory by {@link #create}. */
    public static final class FileUpload implements Upload {
        private final String id;
        private final Path file;

        FileUpload(String id, Path file) {
            this.id = id;
            this.file = file;
        }

        @Override
        public String id() {
            return id;
        }

        /** The file the upload is written to (until {@link #create} moves it). */
        public Path file() {
            return file;
        }

        @Override
        public long receive(InputStream dump) throws IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                return dump.transferTo(out);
            }
        }

        @Override
        public long receiveFile(Path uploaded) throws IOException {
            move(uploaded, file);
            return Files.size(file);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /** Stores the record under its own id (tests give their own; uploads from HTTP give the upload's). */
    @Override
    public JobRecord create(JobRecord record, Upload completed) throws IOException {
        Path dir = Files.createDirectories(jobs.resolve(record.id()));
        try {
            move(((FileUpload) completed).file(), dir.resolve(DUMP));
            writeRecord(record);
            return record;
        } catch (IOException | RuntimeException e) {
            delete(record.id());
            throw e;
        }
    }

    /** Replaces a job's record (the local runner's state changes). */
    public void update(JobRecord record) throws IOException {
        if (!Files.isDirectory(jobs.resolve(record.id()))) {
            throw new NoSuchFileException("job " + record.id() + " was deleted");
        }
        writeRecord(record);
    }

    private synchronized void writeRecord(JobRecord record) throws IOException {
        Path dir = jobs.resolve(record.id());
        Path tmp = dir.resolve(RECORD + ".tmp");
        Files.write(tmp, mapper.writeValueAsBytes(record));
        move(tmp, dir.resolve(RECORD));
        records.put(record.id(), record);
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public List<JobRecord> all() {
        return records.values().stream()
                .sorted(Comparator.comparing(JobRecord::createdAt).reversed().thenComparing(JobRecord::id))
                .toList();
    }

    /** The dump of a job, read in place by the analysis. */
    public Path dump(String id) {
        return jobs.resolve(id).resolve(DUMP);
    }

    /** Saves the result document of a succeeded job. */
    public void saveResult(String id, byte[] json) throws IOException {
        writeReplacing(id, RESULT, json);
    }

    @Override
    public Optional<byte[]> result(String id) throws IOException {
        return read(id, RESULT);
    }

    /** Saves the browsable part of a succeeded job's dominator tree (written before the result). */
    public void saveDominators(String id, byte[] index) throws IOException {
        writeReplacing(id, DOMINATORS, index);
    }

    @Override
    public Optional<byte[]> dominators(String id) throws IOException {
        return read(id, DOMINATORS);
    }

    /** Saves a succeeded job's census (written before the result). */
    public void saveCensus(String id, byte[] census) throws IOException {
        writeReplacing(id, CENSUS, census);
    }

    @Override
    public Optional<byte[]> census(String id) throws IOException {
        return read(id, CENSUS);
    }

    /** Writes a job's file whole or not at all: a temporary file, then moved over the old one. */
    private void writeReplacing(String id, String name, byte[] bytes) throws IOException {
        Path dir = jobs.resolve(id);
        Path tmp = dir.resolve(name + ".tmp");
        Files.write(tmp, bytes);
        move(tmp, dir.resolve(name));
    }

    private Optional<byte[]> read(String id, String name) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(jobs.resolve(id).resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Deletes the dump (kept: the record and the result). */
    public void deleteDump(String id) throws IOException {
        Files.deleteIfExists(dump(id));
    }

    /** Deletes the dump, the result and the dominator tree, keeping the record. */
    public void deleteData(String id) throws IOException {
        Files.deleteIfExists(dump(id));
        Files.deleteIfExists(jobs.resolve(id).resolve(RESULT));
        Files.deleteIfExists(jobs.resolve(id).resolve(DOMINATORS));
        Files.deleteIfExists(jobs.resolve(id).resolve(CENSUS));
    }

    /** Deletes everything about the job. */
    public synchronized void delete(String id) throws IOException {
        records.remove(id);
        deleteTree(jobs.resolve(id));
    }

    @Override
    public long usableSpace() throws IOException {
        return Files.getFileStore(jobs).getUsableSpace();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int deleteChildren(Path dir) throws IOException {
        int count = 0;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                deleteTree(child);
                count++;
            }
        }
        return count;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
