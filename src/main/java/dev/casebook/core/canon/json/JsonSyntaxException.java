package dev.casebook.core.canon.json;

/** The text is not JSON under the rules it was read with; {@code offset} is the UTF-8 byte offset. */
public final class JsonSyntaxException extends Exception {
    private final long offset;
    private final String reason;

    public JsonSyntaxException(String reason, long offset) {
        super(reason + " at byte " + offset);
        this.reason = reason;
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
