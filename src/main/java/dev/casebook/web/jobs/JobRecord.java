package dev.casebook.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Everything the service remembers about a job, persisted by a {@link JobStore}. Immutable: each
 * change makes a new record, written whole (so a crash leaves the old or the new one, never half).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRecord(String id, String owner, JobState state, String format, JobQuery query, long dumpBytes,
        boolean compressed, Instant createdAt, Instant startedAt, Instant finishedAt, String errorTitle,
        String errorDetail, int attempts) {

    public JobRecord withState(JobState next, Instant at) {
        Instant started = next == JobState.RUNNING ? at : startedAt;
        Instant finished = next.isFinal() ? at : null;
        int tries = next == JobState.RUNNING ? attempts + 1 : attempts;
        return new JobRecord(id, owner, next, format, query, dumpBytes, compressed, createdAt, started, finished,
                next == JobState.FAILED ? errorTitle : null, next == JobState.FAILED ? errorDetail : null, tries);
    }

    public JobRecord failed(String title, String detail, Instant at) {
        return new JobRecord(id, owner, JobState.FAILED, format, query, dumpBytes, compressed, createdAt, startedAt, at,
                title, detail, attempts);
    }

    /** Back to the queue after a restart interrupted it; the start it had still counts. */
    public JobRecord requeued() {
        return requeued(attempts);
    }

    /** Back to the queue with {@code attempts} starts counted. */
    public JobRecord requeued(int attempts) {
        return new JobRecord(id, owner, JobState.QUEUED, format, query, dumpBytes, compressed, createdAt, null, null,
                null, null, attempts);
    }
}
