package dev.casebook.web.jobs;

/** Storing the upload would eat into the disk space kept free (casebook.jobs.min-free-disk). */
public final class DiskFullException extends JobRefusedException {

    public DiskFullException() {
        super("Casebook's data directory has no room for this dump while keeping its reserve"
                + " (casebook.jobs.min-free-disk); delete finished jobs or try later.");
    }
}
