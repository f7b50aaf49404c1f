package dev.casebook.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedAuthLimiterTest {

    @Test
    void anAddressIsRefusedAfterItsFailuresUntilTheMinuteIsOver() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        FailedAuthLimiter limiter = new FailedAuthLimiter(3, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"));
            limiter.recordFailure("10.0.0.1");
        }
        assertEquals(60, limiter.retryAfterSeconds("10.0.0.1"));
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.2"), "another address is not affected");
        now.addAndGet(45_000_000_000L);
        assertEquals(15, limiter.retryAfterSeconds("10.0.0.1"));
        now.addAndGet(15_000_000_000L);
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"), "a new minute, a new window");
        limiter.recordFailure("10.0.0.1");
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"));
    }
}
