package dev.casebook.web.jobs;

import java.time.Duration;

/** What the runner tells about the jobs it runs, for whoever counts them (the metrics). */
public interface JobEvents {

    /**
     * A job reached a final state. {@code analysis} is how long its analysis ran, or null when none ran to
     * an end (a job cancelled, or failed at start-up after too many interrupted attempts).
     */
    void finished(JobRecord job, JobState state, Duration analysis);

    /** Tells nobody. */
    static JobEvents none() {
        return (job, state, analysis) -> {
        };
    }
}
