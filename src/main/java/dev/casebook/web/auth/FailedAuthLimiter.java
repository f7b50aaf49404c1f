package dev.casebook.web.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows key guessing: an address that failed authentication {@code maxFailures} times within a
 * minute is refused (429) until that minute is over. Bounded: past {@code MAX_TRACKED} addresses,
 * expired windows are swept before a new one is added.
 */
public final class FailedAuthLimiter {

    static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_TRACKED = 100_000;

    private record Window(long startNanos, int failures) {
    }

    private final int maxFailures;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public FailedAuthLimiter(int maxFailures, LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.nanoClock = nanoClock;
    }

    /** Seconds the address must wait before trying again, or 0 when it may try now. */
    public long retryAfterSeconds(String address) {
        Window w = windows.get(address);
        long now = nanoClock.getAsLong();
        if (w == null || now - w.startNanos() >= WINDOW_NANOS) {
            return 0;
        }
        return w.failures() >= maxFailures ? Math.max(1, (w.startNanos() + WINDOW_NANOS - now + 999_999_999L) / 1_000_000_000L) : 0;
    }

    public void recordFailure(String address) {
        long now = nanoClock.getAsLong();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(w -> now - w.startNanos() >= WINDOW_NANOS);
        }
        windows.compute(address, (a, w) -> w == null || now - w.startNanos() >= WINDOW_NANOS
                ? new Window(now, 1) : new Window(w.startNanos(), w.failures() + 1));
    }
}
