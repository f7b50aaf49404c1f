package dev.casebook.core.canon.diagnose;

/**
 * Where the expected canonical string first parts from the one built with the sent bytes.
 *
 * @param offset          UTF-8 byte offset of the first difference
 * @param expected        the differing bytes of the expected side, as text
 * @param actual          the differing bytes of the sent side, as text
 * @param expectedContext a window of the expected string around the offset
 * @param actualContext   the same window of the sent one
 * @param cause           the class of difference
 * @param explanation     one plain sentence
 */
public record Divergence(long offset, String expected, String actual, String expectedContext, String actualContext,
                         Cause cause, String explanation) {
}
