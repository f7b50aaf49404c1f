package dev.casebook.web.jobs;

/** The owner already has as many jobs queued or running as one may (casebook.jobs.max-active-per-owner). */
public final class TooManyJobsException extends JobRefusedException {

    private final int retryAfterSeconds;

    public TooManyJobsException(long active, int limit, int retryAfterSeconds) {
        super("you have " + active + " jobs queued or running (casebook.jobs.max-active-per-owner is " + limit
                + "); wait for one to finish or cancel one");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
