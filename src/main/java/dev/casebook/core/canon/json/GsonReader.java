package dev.casebook.core.canon.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Gson's {@code JsonReader} in lenient mode, as {@code JsonParser.parseString(text)} and
 * {@code Gson.fromJson(text, Object.class)} run it (Gson 2.15): comments ({@code //}, {@code #},
 * {@code /* *&#47;}), single-quoted and unquoted strings and names, {@code =} or {@code =>} for
 * {@code :}, {@code ;} for {@code ,}, keywords in any letter case, an empty array element as null,
 * the {@code )]}'} prefix. A word that is not a keyword or an RFC 8259 number is a string, so
 * {@code NaN} is the string "NaN". Numbers keep their lexeme ({@code LazilyParsedNumber}), except
 * that one of 1024 characters or more is a string too (it fills the reader's buffer).
 * {@code parseString} refuses anything but whitespace after the value (a comment too: it looks with the
 * reader back in its strict default), unless the value is null. A leading BOM is skipped.
 */
final class GsonReader extends JavaTextReader {

    private static final int BUFFER = 1024;

    GsonReader(String text, int maxDepth) {
        super(text.startsWith("\ufeff") ? text.substring(1) : text, maxDepth); // the reader skips a BOM as it first fills its buffer
    }

    @Override
    protected JsonValue document() throws JsonSyntaxException, NestingTooDeepException {
        if (nextNonWhitespace() == -1) {
            return JsonValue.Null.NULL; // an empty document reads as JsonNull
        }
        pos--;
        if (text.startsWith(")]}'\n", pos)) {
            pos += 5; // the non-execute prefix, skipped in lenient mode
        }
        JsonValue value = value(false);
        // parseString (and fromJson) look for the end with the reader back in its default, legacy-strict mode:
        // whitespace only, no comment.
        while (value != JsonValue.Null.NULL && pos < length) {
            char c = text.charAt(pos++);
            if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
                throw error("Did not consume the entire document.");
            }
        }
        return value;
    }

    /** The next value; {@code inArray} lets a separator or {@code ]} stand for a missing element (null). */
    private JsonValue value(boolean inArray) throws JsonSyntaxException, NestingTooDeepException {
        int c = nextNonWhitespaceOrFail();
        switch (c) {
            case ']', ';', ',' -> {
                if (!inArray) {
                    throw error("Unexpected value");
                }
                pos--;
                return JsonValue.Null.NULL;
            }
            case '\'', '"' -> {
                return new JsonValue.Str(quoted((char) c), false);
            }
            case '[' -> {
                return array();
            }
            case '{' -> {
                return object();
            }
            default -> pos--;
        }
        JsonValue keyword = keyword();
        if (keyword != null) {
            return keyword;
        }
        int number = numberLength();
        if (number > 0) {
            String lexeme = text.substring(pos, pos + number);
            pos += number;
            return new JsonValue.Num(lexeme);
        }
        if (!isLiteral(text.charAt(pos))) {
            throw error("Expected value");
        }
        return new JsonValue.Str(unquoted(), false);
    }

    private JsonValue array() throws JsonSyntaxException, NestingTooDeepException {
        enter();
        List<JsonValue> elements = new ArrayList<>();
        if (nextNonWhitespaceOrFail() != ']') {
            pos--;
            while (true) {
                elements.add(value(true));
                if (LenientSyntax.closes(this, nextNonWhitespaceOrFail(), ']', "Unterminated array")) {
                    break;
                }
            }
        }
        exit();
        return new JsonValue.Arr(elements);
    }

    private JsonValue object() throws JsonSyntaxException, NestingTooDeepException {
        enter();
        List<JsonValue.Member> members = new ArrayList<>();
        int c = nextNonWhitespaceOrFail();
        if (c != '}') {
            while (true) {
                String name;
                if (c == '"' || c == '\'') {
                    name = quoted((char) c);
                } else if (c != '}' && isLiteral((char) c)) {
                    pos--;
                    name = unquoted();
                } else {
                    throw error("Expected name");
                }
                int separator = nextNonWhitespaceOrFail();
                if (separator == '=') {
                    if (pos < length && text.charAt(pos) == '>') {
                        pos++;
                    }
                } else if (separator != ':') {
                    throw error("Expected ':'");
                }
                members.add(new JsonValue.Member(new JsonValue.Str(name, false), value(false)));
                if (LenientSyntax.closes(this, nextNonWhitespaceOrFail(), '}', "Unterminated object")) {
                    break;
                }
                c = nextNonWhitespaceOrFail();
            }
        }
        exit();
        return new JsonValue.Obj(members);
    }

    /** {@code true}, {@code false} or {@code null} with each letter in either case, not followed by a literal character. */
    private JsonValue keyword() {
        char first = text.charAt(pos);
        String word;
        JsonValue value;
        if (first == 't' || first == 'T') {
            word = "true";
            value = JsonValue.Bool.TRUE;
        } else if (first == 'f' || first == 'F') {
            word = "false";
            value = JsonValue.Bool.FALSE;
        } else if (first == 'n' || first == 'N') {
            word = "null";
            value = JsonValue.Null.NULL;
        } else {
            return null;
        }
        int n = word.length();
        for (int i = 1; i < n; i++) {
            if (pos + i >= length) {
                return null;
            }
            char c = text.charAt(pos + i);
            if (c != word.charAt(i) && c != Character.toUpperCase(word.charAt(i))) {
                return null;
            }
        }
        if (pos + n < length && isLiteral(text.charAt(pos + n))) {
            return null; // "trues", "nullsoft"
        }
        pos += n;
        return value;
    }

    private static final int NONE = 0;
    private static final int SIGN = 1;
    private static final int DIGIT = 2;
    private static final int DECIMAL = 3;
    private static final int FRACTION_DIGIT = 4;
    private static final int EXP_E = 5;
    private static final int EXP_SIGN = 6;
    private static final int EXP_DIGIT = 7;

    /** The length of the RFC 8259 number at {@code pos} that a non-literal character or the end follows, or 0 (peekNumber). */
    private int numberLength() {
        int last = NONE;
        boolean leadingZero = false;
        int i = 0;
        for (; pos + i < length; i++) {
            if (i == BUFFER) {
                return 0;
            }
            char c = text.charAt(pos + i);
            switch (c) {
                case '-' -> {
                    if (last == NONE) {
                        last = SIGN;
                    } else if (last == EXP_E) {
                        last = EXP_SIGN;
                    } else {
                        return 0;
                    }
                }
                case '+' -> {
                    if (last != EXP_E) {
                        return 0;
                    }
                    last = EXP_SIGN;
                }
                case 'e', 'E' -> {
                    if (last != DIGIT && last != FRACTION_DIGIT) {
                        return 0;
                    }
                    last = EXP_E;
                }
                case '.' -> {
                    if (last != DIGIT) {
                        return 0;
                    }
                    last = DECIMAL;
                }
                default -> {
                    if (c < '0' || c > '9') {
                        if (isLiteral(c)) {
                            return 0;
                        }
                        return last == DIGIT || last == FRACTION_DIGIT || last == EXP_DIGIT ? i : 0;
                    }
                    if (last == SIGN || last == NONE) {
                        leadingZero = c == '0';
                        last = DIGIT;
                    } else if (last == DIGIT) {
                        if (leadingZero) {
                            return 0; // a leading 0 could be octal
                        }
                    } else if (last == DECIMAL) {
                        last = FRACTION_DIGIT;
                    } else if (last == EXP_E || last == EXP_SIGN) {
                        last = EXP_DIGIT;
                    }
                }
            }
        }
        if (i == BUFFER) {
            return 0;
        }
        return last == DIGIT || last == FRACTION_DIGIT || last == EXP_DIGIT ? i : 0;
    }

    /** A string after its opening quote, up to the matching quote; raw control characters are kept (lenient). */
    private String quoted(char quote) throws JsonSyntaxException {
        return LenientSyntax.quoted(this, quote, this::escape, "Unterminated string", "Unterminated escape sequence");
    }

    private void escape(char letter, StringBuilder into) throws JsonSyntaxException {
        switch (letter) {
            case 'u' -> into.append(unicodeEscape());
            case '\n', '\'', '"', '\\', '/' -> into.append(letter);
            default -> throw error("Invalid escape sequence");
        }
    }

    /** ASCII hex digits only, unlike org.json's {@code Integer.parseInt}. */
    private char unicodeEscape() throws JsonSyntaxException {
        if (pos + 4 > length) {
            throw error("Unterminated escape sequence");
        }
        int unit = JsonGrammar.hex4(text, pos);
        if (unit < 0) {
            throw error("Malformed Unicode escape \\u" + text.substring(pos, pos + 4));
        }
        pos += 4;
        return (char) unit;
    }

    /** An unquoted word: the literal characters from {@code pos}. */
    private String unquoted() {
        int start = pos;
        while (pos < length && isLiteral(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** Whether {@code c} can be part of an unquoted word. */
    private static boolean isLiteral(char c) {
        return switch (c) {
            case '/', '\\', ';', '#', '=', '{', '}', '[', ']', ':', ',', ' ', '\t', '\f', '\r', '\n' -> false;
            default -> true;
        };
    }

    /** The next character that is not whitespace or in a comment, consumed; -1 at the end. */
    private int nextNonWhitespace() throws JsonSyntaxException {
        while (pos < length) {
            char c = text.charAt(pos++);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                continue;
            }
            if (c == '/' && pos < length && text.charAt(pos) == '*') {
                skipBlockComment();
            } else if (c == '/' && pos < length && text.charAt(pos) == '/' || c == '#') {
                skipToEndOfLine();
            } else {
                return c;
            }
        }
        return -1;
    }

    private int nextNonWhitespaceOrFail() throws JsonSyntaxException {
        int c = nextNonWhitespace();
        if (c == -1) {
            throw error("End of input");
        }
        return c;
    }
}
