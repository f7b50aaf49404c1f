package dev.casebook.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrerequisitesTest {

    @Test
    void aMissingToolFailsUnderCi() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> Prerequisites.missing("chromium is not on PATH", true));
        assertTrue(failure.getMessage().contains("chromium is not on PATH"), failure.getMessage());
    }

    @Test
    void aMissingToolSkipsTheTestElsewhereAndSaysWhy() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Prerequisites.missing("chromium is not on PATH", false));
        assertTrue(skipped.getMessage().startsWith("PREREQUISITE MISSING: chromium"), skipped.getMessage());
    }
}
