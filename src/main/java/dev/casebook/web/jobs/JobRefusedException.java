package dev.casebook.web.jobs;

/**
 * Why an upload was not turned into a job, in the jobs' own terms: the runner and the intake raise
 * these and know nothing of HTTP; the boundary decides what each one answers. The message is a
 * sentence a person can act on.
 */
public abstract class JobRefusedException extends RuntimeException {

    protected JobRefusedException(String message) {
        super(message, null, false, false);
    }
}
