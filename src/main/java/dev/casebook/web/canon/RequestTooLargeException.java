package dev.casebook.web.canon;

/** A JSON request past casebook.canonical.max-request-size, declared so or found so while reading it. */
public final class RequestTooLargeException extends RuntimeException {

    private final long limit;

    public RequestTooLargeException(long limit) {
        super("requests to this endpoint may be at most " + limit + " bytes (casebook.canonical.max-request-size)",
                null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
