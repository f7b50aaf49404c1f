package dev.casebook.web.jobs;

/** As many jobs are waiting for a worker as the queue holds (casebook.jobs.queue-size). */
public final class QueueFullException extends JobRefusedException {

    private final int retryAfterSeconds;

    public QueueFullException(long waiting, int retryAfterSeconds) {
        super(waiting + " jobs are waiting for a worker (casebook.jobs.queue-size); try again in " + retryAfterSeconds
                + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When a place is likely to be free (casebook.jobs.retry-after-seconds). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
