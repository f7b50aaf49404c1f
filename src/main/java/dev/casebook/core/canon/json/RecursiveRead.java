package dev.casebook.core.canon.json;

/**
 * Runs a recursive reader (the Java libraries' and Oj's, which recurse as the real ones do) where
 * its recursion fits: in place for the few brackets real bodies have, else on a thread of its own
 * with room for thousands of levels (the libraries' own limits, or the service's).
 */
final class RecursiveRead {

    /** Above this many brackets a body may nest deeper than a request thread's stack lets a recursive reader go. */
    private static final int BRACKETS_READ_IN_PLACE = 256;
    private static final long DEEP_READER_STACK = 64L << 20;

    interface Reading {
        JsonValue read() throws JsonSyntaxException, NestingTooDeepException;
    }

    private RecursiveRead() {
    }

    static JsonValue run(int brackets, Reading reading) throws JsonSyntaxException, NestingTooDeepException {
        if (brackets <= BRACKETS_READ_IN_PLACE) {
            return reading.read();
        }
        Object[] outcome = new Object[1];
        Thread deep = new Thread(null, () -> {
            try {
                outcome[0] = reading.read();
            } catch (JsonSyntaxException | NestingTooDeepException | RuntimeException e) {
                outcome[0] = e;
            }
        }, "casebook-deep-json-reader", DEEP_READER_STACK);
        deep.start();
        try {
            deep.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a deeply nested body", e);
        }
        if (outcome[0] instanceof JsonSyntaxException e) {
            throw e;
        }
        if (outcome[0] instanceof NestingTooDeepException e) {
            throw e;
        }
        if (outcome[0] instanceof RuntimeException e) {
            throw e;
        }
        return (JsonValue) outcome[0];
    }
}
