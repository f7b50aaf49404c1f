package dev.casebook.web.jobs;

/**
 * The shared store's database or object storage failed or could not be reached: the request did not
 * happen and may be tried again. The message is for the log (it names the operation and where);
 * {@link #part()} is what a caller is told.
 */
public final class StoreUnavailableException extends RuntimeException {

    /** How long a caller waits before trying again: long enough for a database fail-over to finish. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final String part;

    public StoreUnavailableException(String part, String message, Throwable cause) {
        super(message, cause);
        this.part = part;
    }

    public static StoreUnavailableException database(Throwable cause) {
        return new StoreUnavailableException("database", "the job database failed: " + cause.getMessage(), cause);
    }

    public static StoreUnavailableException objectStorage(Throwable cause) {
        return new StoreUnavailableException("object storage", cause.getMessage(), cause);
    }

    /** "database" or "object storage". */
    public String part() {
        return part;
    }
}
