package dev.casebook.web.jobs;

/** An upload that cannot be read as sent: empty, cut off, corrupt gzip, no dump part. */
public final class BadUploadException extends JobRefusedException {

    public BadUploadException(String message) {
        super(message);
    }
}
