package dev.casebook.core.heap.graph;

/**
 * The second threads an analysis starts for a part of its work (indexing, the search beside the dominator
 * tree): daemons, so that a stuck one never keeps the JVM up, started only when the JVM can, and always waited
 * for before the dump they read is closed.
 */
public final class HelperThreads {

    private HelperThreads() {
    }

    /** Starts {@code work} on a daemon thread; null when no thread could be started (the caller works in turn). */
    public static Thread startedOrNull(String name, Runnable work) {
        try {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        } catch (OutOfMemoryError e) {
            return null; // "unable to create native thread"
        }
    }

    /** Waits until {@code thread} has ended, keeping an interrupt for the caller to see afterwards. */
    public static void awaitEnd(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
