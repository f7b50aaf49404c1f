package dev.casebook.core.canon.json;

import java.nio.charset.StandardCharsets;

/**
 * What the readers of the Java libraries share: they read a Java {@code String}, the body as
 * {@code new String(bytes, UTF_8)} decodes it (each ill-formed sequence one U+FFFD, a BOM kept as
 * U+FEFF), and they nest by recursion or a stack that Casebook bounds by the parse rules' depth.
 * A subclass reproduces one library's tokenizer, position by position, so that what it accepts and
 * what it builds are that library's.
 */
abstract class JavaTextReader {

    protected final String text;
    protected final int length;
    protected int pos;
    private final int maxDepth;
    private int depth;

    protected JavaTextReader(String text, int maxDepth) {
        this.text = text;
        this.length = text.length();
        this.maxDepth = maxDepth;
    }

    /** The body as a Java program holding it in a {@code String} has it. */
    static String decode(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Reads the whole text into a tree, or says why the library refuses it. */
    static JsonValue read(byte[] body, ParseRules rules) throws JsonSyntaxException, NestingTooDeepException {
        String text = rules.grammar() == ParseRules.Grammar.NEWTONSOFT ? NewtonsoftReader.decode(body) : decode(body);
        return RecursiveRead.run(brackets(text), () -> reader(text, rules).document());
    }

    private static JavaTextReader reader(String text, ParseRules rules) {
        return switch (rules.grammar()) {
            case GSON_LENIENT -> new GsonReader(text, rules.maxDepth());
            case ORG_JSON -> new OrgJsonTokener(text, rules.maxDepth());
            case ANDROID_ORG_JSON -> new AndroidJsonTokener(text, rules.maxDepth());
            case NEWTONSOFT -> new NewtonsoftReader(text, rules.maxDepth());
            case RFC8259, OJ_STRICT -> throw new IllegalArgumentException("not a Java library's grammar");
        };
    }

    private static int brackets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                n++;
            }
        }
        return n;
    }

    protected abstract JsonValue document() throws JsonSyntaxException, NestingTooDeepException;

    /** One more level of nesting, refused past the rules' depth. */
    protected void enter() throws NestingTooDeepException {
        if (++depth > maxDepth) {
            throw new NestingTooDeepException(maxDepth, byteOffset(pos));
        }
    }

    protected void exit() {
        depth--;
    }

    /** Past a line comment: up to and with the next CR or LF, or to the end. */
    protected void skipToEndOfLine() {
        while (pos < length) {
            char c = text.charAt(pos++);
            if (c == '\n' || c == '\r') {
                return;
            }
        }
    }

    /** From the {@code *} of an opening {@code /*} past the closing {@code *&#47;}; unterminated is an error. */
    protected void skipBlockComment() throws JsonSyntaxException {
        int end = text.indexOf("*/", pos + 1);
        if (end < 0) {
            throw error("Unterminated comment");
        }
        pos = end + 2;
    }

    protected JsonSyntaxException error(String reason) {
        return new JsonSyntaxException(reason, byteOffset(Math.min(pos, length)));
    }

    /** The UTF-8 offset of a character position, for messages that point into the body as sent. */
    private long byteOffset(int charPos) {
        return text.substring(0, Math.min(charPos, length)).getBytes(StandardCharsets.UTF_8).length;
    }
}
