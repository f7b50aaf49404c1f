package dev.casebook.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for a test whose tool is missing (an encoder's interpreter, objgraph, Chromium): under CI
 * ({@code CI=true}) the test fails, since a skipped check is a missing feature; on a developer's machine
 * it is skipped, loudly, with the command that installs the tool.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails under CI, else prints {@code message} where a developer sees it and skips the test. */
    public static void missing(String message) {
        missing(message, onCi());
    }

    static void missing(String message, boolean onCi) {
        String loud = "PREREQUISITE MISSING: " + message;
        if (onCi) {
            fail(loud);
        }
        System.err.println("\n!!! " + loud + " !!!\n");
        Assumptions.abort(loud);
    }
}
