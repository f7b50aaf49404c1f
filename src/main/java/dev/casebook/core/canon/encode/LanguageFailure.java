package dev.casebook.core.canon.encode;

/**
 * The language a profile models would have failed on this body: its parser refuses the text, or
 * its encoder refuses the value. The message reads as that language's own error would.
 */
public final class LanguageFailure extends Exception {

    /** Where the real program would have stopped. */
    public enum Stage { PARSE, ENCODE, UNAVAILABLE }

    private final Stage stage;
    private final long offset;

    private LanguageFailure(Stage stage, String message, long offset) {
        super(message);
        this.stage = stage;
        this.offset = offset;
    }

    public static LanguageFailure parse(String message) {
        return new LanguageFailure(Stage.PARSE, message, -1);
    }

    public static LanguageFailure parse(String message, long offset) {
        return new LanguageFailure(Stage.PARSE, message, offset);
    }

    public static LanguageFailure encode(String message) {
        return new LanguageFailure(Stage.ENCODE, message, -1);
    }

    public static LanguageFailure unavailable(String message) {
        return new LanguageFailure(Stage.UNAVAILABLE, message, -1);
    }

    public Stage stage() {
        return stage;
    }

    /** UTF-8 byte offset in the body where parsing stopped, or -1 when it is not about a position. */
    public long offset() {
        return offset;
    }
}
