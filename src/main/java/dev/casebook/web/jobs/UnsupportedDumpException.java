package dev.casebook.web.jobs;

/** The upload is not a dump of a format Casebook reads, or not of the format the job asked for. */
public final class UnsupportedDumpException extends JobRefusedException {

    public UnsupportedDumpException(String message) {
        super(message);
    }
}
