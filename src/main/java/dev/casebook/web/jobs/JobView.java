package dev.casebook.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job as the API shows it (api.md, section 2). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Job")
public record JobView(
        @Schema(example = "5f0c6d7e-2a41-4c1b-9d8e-3b7a2f1e0c9d") String id,
        @Schema(enumeration = {"queued", "running", "succeeded", "failed", "cancelled"}, example = "running") String state,
        @Schema(description = "Who submitted it (the owner its API key maps to)", example = "alice") String owner,
        @Schema(example = "hprof") String format,
        @Schema(description = "Bytes of dump stored (after inflating)", example = "287309824") long dumpBytes,
        @Schema(description = "Whether the upload was gzip-compressed") boolean compressed,
        Query query,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "How many times its analysis started: more than 1 when a restart, or a replica that"
                + " stopped mid-analysis, made another start take it over", example = "1") int attempts,
        Progress progress,
        Error error,
        @Schema(implementation = JobResult.class, description = "Present when the job succeeded")
        @JsonRawValue String result) {

    @Schema(name = "JobQuery", description = "The targets and options the job was submitted with")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Query(List<String> objectId, List<String> className,
            @Schema(description = "Whether className counts the instances of its subclasses too") boolean subclasses,
            int maxChains, String format, boolean includeWeak,
            @Schema(example = "50") int histogramLimit, @Schema(example = "10") double suspectThreshold) {
    }

    @Schema(name = "JobProgress")
    public record Progress(
            @Schema(enumeration = {"queued", "inflating", "indexing", "dominating", "matching", "searching", "reporting", "done"}, example = "indexing") String phase,
            @Schema(example = "42") int percent) {
    }

    @Schema(name = "JobError")
    public record Error(
            @Schema(example = "The dump cannot be read") String title,
            @Schema(example = "the file ends inside a record (at byte 1048576)") String detail) {
    }

    static JobView of(JobRecord job, JobRunner.Progress running, String result) {
        Progress progress = switch (job.state()) {
            case QUEUED -> new Progress("queued", 0);
            case RUNNING -> running == null ? new Progress("indexing", 0) : new Progress(running.phase(), running.percent());
            case SUCCEEDED -> new Progress("done", 100);
            default -> null;
        };
        Error error = job.state() == JobState.FAILED ? new Error(job.errorTitle(), job.errorDetail()) : null;
        JobQuery q = job.query();
        Query query = new Query(q.objectIds().stream().map(HeapAnalysis::hex).toList(), q.classNames(), q.subclasses(),
                q.maxChains(), q.format(), q.includeWeak(), q.histogramLimit(), q.suspectThreshold());
        return new JobView(job.id(), job.state().apiName(), job.owner(), job.format(), job.dumpBytes(), job.compressed(), query,
                job.createdAt(), job.startedAt(), job.finishedAt(), job.attempts(), progress, error, result);
    }
}
