package dev.casebook.core.heap.analysis;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The processors this JVM's analyses have not taken: each analysis holds one while it runs, and a second one
 * while its search runs beside its dominator tree. A second thread only pays when a core is idle; with every
 * core already analysing, it would only add its memory to the heap's peak.
 */
final class SpareCores {

    private static final AtomicInteger TAKEN = new AtomicInteger();

    private SpareCores() {
    }

    /** Takes one core for an analysis's own thread. */
    static void takeOne() {
        TAKEN.incrementAndGet();
    }

    /** Takes one more core if one is idle; true when it did. */
    static boolean tryTakeOne() {
        int cores = Runtime.getRuntime().availableProcessors();
        while (true) {
            int taken = TAKEN.get();
            if (taken >= cores) {
                return false;
            }
            if (TAKEN.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
    }

    static void giveBack(int cores) {
        TAKEN.addAndGet(-cores);
    }
}
