package dev.casebook.core.canon.encode;

import java.util.Arrays;
import java.util.List;

/**
 * Writes one JSON object of text members, as an encoding lays out and escapes them: how a service
 * answer that carries encoded bytes is written in the very bytes a profile's encoder gives, through
 * the same {@link JsonWriter} and {@link StringStyle} that write bodies, rather than through an
 * escaper of its own. Members are written in call order; names are ASCII that needs no escape.
 */
public final class FlatObjectWriter {

    private final EncodingRules rules;
    private final JsonWriter writer;
    private final ByteSink out;
    private int members;
    /** The last well-formed text written from bytes, and where its escaped form lies in {@link #out}: for {@link #utf8Repeating}. */
    private byte[] lastText;
    private int lastStart;
    private int lastEnd;

    /** Starts the object in {@code out}. */
    public FlatObjectWriter(EncodingRules rules, ByteSink out) {
        this.rules = rules;
        this.out = out;
        this.writer = new JsonWriter(rules, out);
        writer.openObject(1);
    }

    /** A member whose value is {@code value}; none when it is null (Jackson's NON_NULL). */
    public void text(String name, String value) {
        if (value == null) {
            return;
        }
        name(name);
        try {
            rules.strings().write(value, out);
        } catch (LanguageFailure e) {
            throw new IllegalArgumentException("the style refuses the text of " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A member whose value is the UTF-8 text {@code value}, written from its bytes when they are
     * well-formed; returns false, having written nothing, when they are not.
     */
    public boolean utf8(String name, byte[] value) {
        int mark = out.size();
        name(name);
        out.write('"');
        int start = out.size();
        if (!rules.strings().writeUtf8(value, 0, value.length, out)) {
            undo(mark);
            return false;
        }
        lastText = value;
        lastStart = start;
        lastEnd = out.size();
        out.write('"');
        return true;
    }

    /**
     * As {@link #utf8}, for text in which each of {@code repeats} (spans {@code [start, end)}) holds
     * exactly the bytes of {@code earlier}, the text {@link #utf8} wrote last: those are copied
     * from its escaped form instead of being escaped again. The bytes are the same because
     * well-formed pieces make well-formed text and escaping goes character by character. A style
     * whose escapes look at the character before ({@code </}) would break that, and takes the
     * ordinary way, as does a span that does not repeat {@code earlier}.
     */
    public boolean utf8Repeating(String name, byte[] value, List<int[]> repeats, byte[] earlier) {
        if (earlier != lastText || !rules.strings().streamable()) {
            return utf8(name, value);
        }
        int mark = out.size();
        name(name);
        out.write('"');
        int from = 0;
        for (int[] span : repeats) {
            if (!Arrays.equals(value, span[0], span[1], earlier, 0, earlier.length)
                    || !rules.strings().writeUtf8(value, from, span[0], out)) {
                undo(mark);
                return utf8(name, value);
            }
            out.writeWritten(lastStart, lastEnd);
            from = span[1];
        }
        if (!rules.strings().writeUtf8(value, from, value.length, out)) {
            undo(mark);
            return utf8(name, value);
        }
        out.write('"');
        return true;
    }

    /** Closes the object. */
    public void close() {
        writer.closeObject(1);
    }

    private void name(String name) {
        writer.startMember(members++, 1);
        out.write('"');
        out.writeAscii(name);
        out.write('"');
        writer.keySeparator();
    }

    private void undo(int mark) {
        out.truncate(mark);
        members--;
    }
}
