package dev.casebook.core.heap.graph;

/**
 * A dump that cannot be read as its format says, with the byte offset (or, for line-based formats,
 * the line number) where reading stopped. The message is safe to show to the dump's owner: it never
 * contains the dump's contents.
 */
public final class DumpFormatException extends RuntimeException {

    private final String reason;
    private final long position;
    private final String unit;

    private DumpFormatException(String reason, long position, String unit) {
        super(reason + " (at " + unit + " " + position + ")", null, false, false);
        this.reason = reason;
        this.position = position;
        this.unit = unit;
    }

    /** A problem at a byte offset of a binary dump. */
    public static DumpFormatException atOffset(String reason, long offset) {
        return new DumpFormatException(reason, offset, "byte");
    }

    /** A problem on a line (1-based) of a line-based dump. */
    public static DumpFormatException atLine(String reason, long line) {
        return new DumpFormatException(reason, line, "line");
    }

    public String reason() {
        return reason;
    }

    /** The byte offset or line number, as {@link #unit()} says. */
    public long position() {
        return position;
    }

    /** {@code byte} or {@code line}. */
    public String unit() {
        return unit;
    }
}
