package dev.casebook.web.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdleCollectorTest {

    private final AtomicInteger collections = new AtomicInteger();
    private final Semaphore collected = new Semaphore(0);

    private IdleCollector after(Duration delay) {
        return new IdleCollector(delay, () -> {
            collections.incrementAndGet();
            collected.release();
        });
    }

    @Test
    void anIdleSpellEndsInOneCollectionAfterTheDelayHoweverOftenItIsSaid() throws Exception {
        try (IdleCollector collector = after(Duration.ofMillis(300))) {
            collector.busy();
            collector.idle();
            assertEquals(0, collections.get(), "not at once");
            for (int i = 0; i < 5; i++) {
                collector.idle(); // a polling loop says it again and again: the collection is not pushed back
                Thread.sleep(20);
            }
            assertTrue(collected.tryAcquire(10, TimeUnit.SECONDS));
            collector.idle();
            Thread.sleep(700);
            assertEquals(1, collections.get(), "once per idle spell");
        }
    }

    @Test
    void workThatStartsWithinTheDelayCallsTheCollectionOff() throws Exception {
        try (IdleCollector collector = after(Duration.ofMillis(300))) {
            collector.busy();
            collector.idle();
            collector.busy();
            Thread.sleep(900);
            assertEquals(0, collections.get(), "the next job found the heap as the last one left it");
            collector.idle();
            assertTrue(collected.tryAcquire(10, TimeUnit.SECONDS), "the next idle spell collects");
            assertEquals(1, collections.get());
        }
    }

    @Test
    void noDelayCollectsAtOnceOncePerSpell() {
        try (IdleCollector collector = after(Duration.ZERO)) {
            collector.idle();
            assertEquals(0, collections.get(), "nothing ran yet: nothing to give back");
            collector.busy();
            collector.idle();
            collector.idle();
            assertEquals(1, collections.get());
        }
    }
}
