package dev.casebook.core.canon.json;

/** Nesting went past the depth the rules allow; a syntax error of its own kind so callers can say so. */
public final class NestingTooDeepException extends Exception {
    private final int limit;
    private final long offset;

    public NestingTooDeepException(int limit, long offset) {
        super("nesting deeper than " + limit + " levels at byte " + offset);
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
