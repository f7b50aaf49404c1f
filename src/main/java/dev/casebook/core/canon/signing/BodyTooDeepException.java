package dev.casebook.core.canon.signing;

/** The body nests deeper than the service's configured limit (which protects the service, not a language rule). */
public final class BodyTooDeepException extends Exception {
    private final int limit;
    private final long offset;

    public BodyTooDeepException(int limit, long offset) {
        super("the body nests deeper than " + limit + " levels (byte " + offset + "), the most this service accepts");
        this.limit = limit;
        this.offset = offset;
    }

    public int limit() {
        return limit;
    }

    public long offset() {
        return offset;
    }
}
