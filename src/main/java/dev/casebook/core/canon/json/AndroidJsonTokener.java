package dev.casebook.core.canon.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Android's {@code org.json.JSONTokener} behind {@code new JSONObject(text)} and
 * {@code new JSONArray(text)}: a leading BOM dropped, comments ({@code //}, {@code #},
 * {@code /* *&#47;}), single-quoted strings, any unknown escape {@code \x} read as {@code x}, an
 * unquoted run up to one of <code>{}[]/\:,=;#</code> or whitespace read as a literal
 * ({@code null}/{@code true}/{@code false} in any case, an integer in decimal, {@code 0x} hex or
 * {@code 0} octal, a double, else a string); {@code =} or {@code =>} for {@code :}, {@code ;}
 * for {@code ,}, an empty array element as null; anything after the value ignored. (A non-finite
 * number is refused as an object's value by {@code put}: the number style's member check.) A repeated name keeps its first place with the last value.
 */
final class AndroidJsonTokener extends JavaTextReader {

    AndroidJsonTokener(String text, int maxDepth) {
        super(text.startsWith("\ufeff") ? text.substring(1) : text, maxDepth);
    }

    @Override
    protected JsonValue document() throws JsonSyntaxException, NestingTooDeepException {
        return value(); // a single value is refused by the profile's Root rule, whichever parse built the tree
    }

    private static String describe(JsonValue v) {
        return v instanceof JsonValue.Str s ? s.value() : v instanceof JsonValue.Num n ? n.lexeme() : String.valueOf(v).toLowerCase();
    }

    private JsonValue value() throws JsonSyntaxException, NestingTooDeepException {
        int c = nextCleanInternal();
        switch (c) {
            case -1 -> throw error("End of input");
            case '{' -> {
                return object();
            }
            case '[' -> {
                return array();
            }
            case '\'', '"' -> {
                return new JsonValue.Str(string((char) c), false);
            }
            default -> {
                pos--;
                return literal();
            }
        }
    }

    private JsonValue object() throws JsonSyntaxException, NestingTooDeepException {
        enter();
        List<JsonValue.Member> members = new ArrayList<>();
        int first = nextCleanInternal();
        if (first != '}') {
            if (first != -1) {
                pos--;
            }
            while (true) {
                JsonValue name = value();
                if (!(name instanceof JsonValue.Str key)) {
                    throw error("Names must be strings, but " + describe(name) + " is not");
                }
                int separator = nextCleanInternal();
                if (separator != ':' && separator != '=') {
                    throw error("Expected ':' after " + key.value());
                }
                if (pos < length && text.charAt(pos) == '>') {
                    pos++;
                }
                JsonValue value = value(); // put() refuses a non-finite number: AndroidNumbers.checkMemberValue
                members.add(new JsonValue.Member(key, value));
                if (LenientSyntax.closes(this, nextCleanInternal(), '}', "Unterminated object")) {
                    break;
                }
            }
        }
        exit();
        return new JsonValue.Obj(members);
    }

    private JsonValue array() throws JsonSyntaxException, NestingTooDeepException {
        enter();
        List<JsonValue> elements = new ArrayList<>();
        boolean trailingSeparator = false;
        read:
        while (true) {
            switch (nextCleanInternal()) {
                case -1 -> throw error("Unterminated array");
                case ']' -> {
                    if (trailingSeparator) {
                        elements.add(JsonValue.Null.NULL);
                    }
                    break read;
                }
                case ',', ';' -> {
                    elements.add(JsonValue.Null.NULL); // a separator without a value first means null
                    trailingSeparator = true;
                    continue;
                }
                default -> pos--;
            }
            elements.add(value());
            switch (nextCleanInternal()) {
                case ']' -> {
                    break read;
                }
                case ',', ';' -> trailingSeparator = true;
                default -> throw error("Unterminated array");
            }
        }
        exit();
        return new JsonValue.Arr(elements);
    }

    private JsonValue literal() throws JsonSyntaxException {
        int start = pos;
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '\r' || c == '\n' || "{}[]/\\:,=;# \t\f".indexOf(c) != -1) {
                break;
            }
            pos++;
        }
        String literal = text.substring(start, pos);
        if (literal.isEmpty()) {
            throw error("Expected literal value");
        }
        return LenientSyntax.word(literal, word -> AndroidJsonNumber.read(word) != null);
    }

    private String string(char quote) throws JsonSyntaxException {
        return LenientSyntax.quoted(this, quote, this::escape, "Unterminated string", "Unterminated escape sequence");
    }

    /** Any letter but {@code u} stands for itself: no escape is an error. */
    private void escape(char letter, StringBuilder into) throws JsonSyntaxException {
        into.append(letter == 'u' ? unicodeEscape() : letter);
    }

    /** Read by {@code Integer.parseInt(s, 16)}, which also takes a sign and non-ASCII digits. */
    private char unicodeEscape() throws JsonSyntaxException {
        if (pos + 4 > length) {
            throw error("Unterminated escape sequence");
        }
        try {
            char unit = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return unit;
        } catch (NumberFormatException e) {
            throw error("Invalid escape \\u" + text.substring(pos, pos + 4));
        }
    }

    private int nextCleanInternal() throws JsonSyntaxException {
        while (pos < length) {
            char c = text.charAt(pos++);
            switch (c) {
                case '\t', ' ', '\n', '\r' -> {
                    continue;
                }
                case '/' -> {
                    if (pos == length) {
                        return c;
                    }
                    char peek = text.charAt(pos);
                    if (peek == '*') {
                        skipBlockComment();
                    } else if (peek == '/') {
                        pos++;
                        skipToEndOfLine();
                    } else {
                        return c;
                    }
                }
                case '#' -> skipToEndOfLine();
                default -> {
                    return c;
                }
            }
        }
        return -1;
    }
}
