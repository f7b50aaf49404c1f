package dev.casebook.core.canon.json;

import java.util.ArrayList;
import java.util.List;

/**
 * org.json's {@code JSONTokener} (20260814, not strict mode) behind {@code new JSONObject(text)}
 * and {@code new JSONArray(text)}: only an object or an array at the top, anything after it
 * ignored; any character up to U+0020 is whitespace; single-quoted strings; an unquoted run of
 * characters up to one of {@code ,:]}/\"[{;=#} is a value, read by {@code stringToValue}
 * ({@code true}/{@code false}/{@code null} in any case, a number when Java's BigDecimal or
 * BigInteger reads it, else a string); {@code ;} for {@code ,}, a trailing comma, an empty array
 * element as null. (A repeated name is an error: the profile's duplicate rule.) A NUL character ends the input, as the tokenizer's
 * reader sees it. Ported step by step, one-character push-back included.
 */
final class OrgJsonTokener extends JavaTextReader {

    private char previous;
    private boolean usePrevious;
    private boolean eof;
    private int index;

    OrgJsonTokener(String text, int maxDepth) {
        super(text, maxDepth);
    }

    @Override
    protected JsonValue document() throws JsonSyntaxException, NestingTooDeepException {
        return value(); // a single value is refused by the profile's Root rule, whichever parse built the tree
    }

    private JsonValue object() throws JsonSyntaxException, NestingTooDeepException {
        enter();
        List<JsonValue.Member> members = new ArrayList<>();
        while (true) {
            char c = nextClean();
            if (c == 0) {
                throw error("A JSONObject text must end with '}'");
            }
            if (c == '}') {
                break;
            }
            String name = name(c);
            if (nextClean() != ':') {
                throw error("Expected a ':' after a key");
            }
            // A repeated name is refused ("Duplicate key"): by the profile's Duplicates.REJECT, whichever parse built the tree.
            members.add(new JsonValue.Member(new JsonValue.Str(name, false), value()));
            char end = nextClean();
            if (end == '}') {
                break;
            }
            if (end == ',') {
                char after = nextClean();
                if (after == '}') {
                    break;
                }
                if (eof && !usePrevious) {
                    throw error("A JSONObject text must end with '}'");
                }
                back();
            } else if (end != ';') {
                throw error("Expected a ',' or '}'");
            }
        }
        exit();
        return new JsonValue.Obj(members);
    }

    /** A name: a quoted string as it is, an unquoted value as its Java object's {@code toString()}. */
    private String name(char c) throws JsonSyntaxException {
        if (c == '"' || c == '\'') {
            return string(c);
        }
        String word = unquoted(c);
        JsonValue value = wordValue(word);
        if (value instanceof JsonValue.Num) {
            return OrgJsonNumber.read(word).toString();
        }
        return value == JsonValue.Bool.TRUE ? "true" : value == JsonValue.Bool.FALSE ? "false"
                : value == JsonValue.Null.NULL ? "null" : word;
    }

    private JsonValue array() throws JsonSyntaxException, NestingTooDeepException {
        enter();
        List<JsonValue> elements = new ArrayList<>();
        char first = nextClean();
        if (first == 0) {
            throw error("Expected a ',' or ']'");
        }
        if (first != ']') {
            back();
            while (true) {
                if (nextClean() == ',') {
                    back();
                    elements.add(JsonValue.Null.NULL);
                } else {
                    back();
                    elements.add(value());
                }
                char c = nextClean();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw error("Expected a ',' or ']'");
                }
                char after = nextClean();
                if (after == 0) {
                    throw error("Expected a ',' or ']'");
                }
                if (after == ']') {
                    break;
                }
                back();
            }
        }
        exit();
        return new JsonValue.Arr(elements);
    }

    private JsonValue value() throws JsonSyntaxException, NestingTooDeepException {
        char c = nextClean();
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (c == '"' || c == '\'') {
            return new JsonValue.Str(string(c), false);
        }
        return wordValue(unquoted(c));
    }

    /** {@code stringToValue}: what an unquoted value is. */
    private static JsonValue wordValue(String word) {
        return LenientSyntax.word(word, w -> OrgJsonNumber.read(w) != null);
    }

    /** The unquoted run that starts with {@code c}, trimmed; empty is an error. */
    private String unquoted(char c) throws JsonSyntaxException {
        StringBuilder b = new StringBuilder();
        while (c >= ' ' && ",:]}/\\\"[{;=#".indexOf(c) < 0) {
            b.append(c);
            c = next();
        }
        if (!eof) {
            back();
        }
        String word = b.toString().trim();
        if (word.isEmpty()) {
            throw error("Missing value");
        }
        return word;
    }

    private String string(char quote) throws JsonSyntaxException {
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            switch (c) {
                case 0, '\n', '\r' -> throw error("Unterminated string");
                case '\\' -> {
                    char e = next();
                    switch (e) {
                        case 'b', 't', 'n', 'f', 'r' -> b.append(LenientSyntax.control(e));
                        case 'u' -> b.append(unicodeEscape());
                        case '"', '\'', '\\', '/' -> b.append(e);
                        default -> throw error("Illegal escape. Escape sequence \\" + e + " is not valid.");
                    }
                }
                default -> {
                    if (c == quote) {
                        return b.toString();
                    }
                    b.append(c);
                }
            }
        }
    }

    /** Four characters read by {@code Integer.parseInt(s, 16)}, which also takes a sign and non-ASCII digits. */
    private char unicodeEscape() throws JsonSyntaxException {
        char[] four = new char[4];
        for (int i = 0; i < 4; i++) {
            four[i] = next();
            if (eof && !usePrevious) {
                throw error("Substring bounds error");
            }
        }
        try {
            return (char) Integer.parseInt(new String(four), 16);
        } catch (NumberFormatException e) {
            throw error("Illegal escape. \\u must be followed by a 4 digit hexadecimal number.");
        }
    }

    private char nextClean() {
        while (true) {
            char c = next();
            if (c == 0 || c > ' ') {
                return c;
            }
        }
    }

    /** The next character, or 0 at the end or at a NUL character (which the reader reports as its end). */
    private char next() {
        int c;
        if (usePrevious) {
            usePrevious = false;
            c = previous;
        } else {
            c = index < length ? text.charAt(index++) : -1;
        }
        pos = index;
        if (c <= 0) {
            eof = true;
            return 0;
        }
        previous = (char) c;
        return previous;
    }

    private void back() {
        usePrevious = true;
        eof = false;
    }
}
