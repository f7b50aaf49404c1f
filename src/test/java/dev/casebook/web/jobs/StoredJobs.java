package dev.casebook.web.jobs;

import dev.casebook.testing.HeapDumps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/** For tests of the runner without HTTP: jobs put straight into a store, and waiting for them to end. */
final class StoredJobs {

    private StoredJobs() {
    }

    /** Stores {@code job} with a copy of a real JVM dump, as an accepted upload would. */
    static JobRecord create(FileJobStore store, JobRecord job) throws IOException {
        FileJobStore.FileUpload upload = store.newUpload();
        Files.copy(HeapDumps.leakyLive(), upload.file(), StandardCopyOption.REPLACE_EXISTING);
        return store.create(job, upload);
    }

    static JobRecord awaitFinal(JobStore store, String id) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            JobRecord job = store.find(id).orElseThrow();
            if (job.state().isFinal()) {
                return job;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(id + " did not finish in 30 s");
    }
}
