package dev.casebook.web.jobs;

import dev.casebook.core.heap.analysis.InsufficientHeapException;
import dev.casebook.core.heap.graph.DumpFormatException;
import java.time.Duration;

/** Why an analysis ended without a result, as its job's error tells it: a title and what to do. */
public record JobFailure(String title, String detail) {

    /** The analysis ran past {@code casebook.jobs.time-limit}. */
    public static JobFailure tookTooLong(Duration limit) {
        return new JobFailure("The analysis took too long", "it was stopped after " + human(limit)
                + " (casebook.jobs.time-limit); a dump this large needs a longer limit or a faster disk");
    }

    /**
     * What an exception the analysis threw means for the user: the dump's own damage and the heap it needs
     * are told as they are; anything else is ours, told by its class only (the log has the rest).
     */
    public static JobFailure of(Throwable e) {
        if (e instanceof DumpFormatException) {
            return new JobFailure("The dump cannot be read", e.getMessage());
        }
        if (e instanceof InsufficientHeapException) {
            return new JobFailure("Not enough memory for this dump", e.getMessage());
        }
        if (e instanceof dev.casebook.web.jobs.shared.ScratchSpaceException) {
            return new JobFailure("Not enough scratch disk for this dump", e.getMessage());
        }
        if (e instanceof OutOfMemoryError) {
            return new JobFailure("Out of memory", "the analysis needs about 48 bytes of heap per object in the dump;"
                    + " give the service a larger heap (-Xmx) or run fewer workers (casebook.jobs.workers)");
        }
        return new JobFailure("The analysis failed", e.getClass().getSimpleName() + " while reading the dump; see the service log");
    }

    /** Whether the failure is the dump's or the memory's (expected), rather than a fault worth a stack trace in the log. */
    public static boolean expected(Throwable e) {
        return e instanceof DumpFormatException || e instanceof InsufficientHeapException || e instanceof OutOfMemoryError
                || e instanceof dev.casebook.web.jobs.shared.ScratchSpaceException;
    }

    private static String human(Duration d) {
        return d.toSeconds() % 3600 == 0 ? d.toHours() + " h" : d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
