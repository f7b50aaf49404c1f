package dev.casebook.core.heap.analysis;

/**
 * The analysis would need more Java heap than the service has free: refused before it starts, so that the
 * service never meets an {@link OutOfMemoryError}. The message says the estimate and what to change.
 */
public final class InsufficientHeapException extends RuntimeException {

    public InsufficientHeapException(String message) {
        super(message, null, false, false);
    }
}
