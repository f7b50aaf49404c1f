package dev.casebook.web.jobs;

/** An upload past casebook.jobs.max-upload-size, or a gzip that inflates past casebook.jobs.max-inflated-size. */
public final class UploadTooLargeException extends JobRefusedException {

    private final long limit;

    public UploadTooLargeException(String message, long limit) {
        super(message);
        this.limit = limit;
    }

    /** The limit passed, in bytes. */
    public long limit() {
        return limit;
    }
}
