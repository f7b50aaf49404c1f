package dev.casebook.core.canon.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Newtonsoft.Json 6.0.8's {@code JsonTextReader} as {@code JToken.Parse(text)} runs it, measured on
 * Debian's build under Mono: single-quoted strings, unquoted names, a trailing comma, numbers such as
 * {@code .5}, {@code 1.}, octal {@code 012} and hex {@code 0x1F}, {@code NaN} and {@code Infinity}
 * (which {@code ToString} writes as the strings "NaN" and "Infinity"), comments, a lone surrogate escape
 * read as U+FFFD, .NET's white space, and string values that look like dates rewritten
 * ({@link NewtonsoftDates}). A comment inside an array is kept by {@code JToken} and written back, as is
 * {@code undefined} and a constructor such as {@code new Date(1)}: those Casebook does not reproduce, and
 * says so ({@link UnmodelledInputException}). Numbers come out as JSON lexemes: integers in decimal, floats
 * with a digit on each side of the point.
 */
final class NewtonsoftReader extends JavaTextReader {

    NewtonsoftReader(String text, int maxDepth) {
        super(text, maxDepth);
    }

    @Override
    protected JsonValue document() throws JsonSyntaxException, NestingTooDeepException {
        skipWhitespace();
        if (pos >= length) {
            throw error("Error reading JToken from JsonReader.");
        }
        if (text.charAt(pos) == '/') {
            comment();
            skipWhitespace();
            if (pos < length) {
                throw error("Additional text found in JSON string after parsing content."); // the comment was the token
            }
            throw new UnmodelledInputException("Newtonsoft reads a document that is only a comment as that comment; Casebook "
                    + "does not reproduce it");
        }
        boolean rootString = text.charAt(pos) == '"' || text.charAt(pos) == '\'';
        lookAheadReachedEnd = false;
        JsonValue value = value(false);
        if (rootString && lookAheadReachedEnd) {
            // Newtonsoft looked two characters past a lone high surrogate for a low one and so buffered the end of
            // the text: its reader has nothing left to read, and the one character after the quote is ignored.
            return value;
        }
        skipWhitespace();
        if (pos < length && text.charAt(pos) == '/') {
            comment(); // JToken.Parse reads one more token, and stops there when it is a comment: whatever follows is ignored
            return value;
        }
        if (pos < length) {
            throw error("Additional text encountered after finished reading JSON content: " + text.charAt(pos) + ".");
        }
        return value;
    }

    private JsonValue value(boolean inArray) throws JsonSyntaxException, NestingTooDeepException {
        char c = text.charAt(pos);
        switch (c) {
            case '"', '\'' -> {
                pos++;
                return new JsonValue.Str(NewtonsoftDates.rewrite(quoted(c)), false);
            }
            case '{' -> {
                return object();
            }
            case '[' -> {
                return array();
            }
            case 't' -> {
                return word("true", JsonValue.Bool.TRUE);
            }
            case 'f' -> {
                return word("false", JsonValue.Bool.FALSE);
            }
            case 'n' -> {
                if (text.startsWith("new", pos)) {
                    throw new UnmodelledInputException("Newtonsoft reads a constructor such as new Date(1) and writes it back; "
                            + "Casebook does not reproduce it");
                }
                return word("null", JsonValue.Null.NULL);
            }
            case 'u' -> throw new UnmodelledInputException("Newtonsoft reads undefined and writes it back; Casebook does not reproduce it");
            case 'N' -> {
                return word("NaN", new JsonValue.Str("NaN", false)); // a double NaN, which ToString writes as a string
            }
            case 'I' -> {
                return word("Infinity", new JsonValue.Str("Infinity", false));
            }
            default -> {
                if (c == '-' && text.startsWith("-Infinity", pos)) {
                    return word("-Infinity", new JsonValue.Str("-Infinity", false));
                }
                if (c == '-' || c == '.' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("Unexpected character encountered while parsing value: " + c + ".");
            }
        }
    }

    private JsonValue word(String word, JsonValue value) throws JsonSyntaxException {
        if (!text.startsWith(word, pos)) {
            throw error("Error parsing " + word + " value.");
        }
        pos += word.length();
        checkValueEnd();
        return value;
    }

    /** After a value: white space, a separator, a closer, a comment, or the end. */
    private void checkValueEnd() throws JsonSyntaxException {
        if (pos < length) {
            char c = text.charAt(pos);
            if (!(isWhitespace(c) || c == ',' || c == ']' || c == '}' || c == '/' || c == ')')) {
                throw error("After parsing a value an unexpected character was encountered: " + c + ".");
            }
        }
    }

    private JsonValue object() throws JsonSyntaxException, NestingTooDeepException {
        enter();
        pos++;
        List<JsonValue.Member> members = new ArrayList<>();
        boolean afterValue = false;
        while (true) {
            skipWhitespaceAndComments();
            if (pos >= length) {
                throw error("Unexpected end of content while loading JObject.");
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                exit();
                return new JsonValue.Obj(members);
            }
            if (c == ',' && afterValue) {
                pos++;
                afterValue = false;
                continue;
            }
            if (afterValue) {
                throw error("After parsing a value an unexpected character was encountered: " + c + ".");
            }
            JsonValue.Str name = new JsonValue.Str(name(), false);
            skipWhitespaceAndComments();
            if (pos >= length || text.charAt(pos) != ':') {
                throw error("Invalid character after parsing property name. Expected ':'.");
            }
            pos++;
            skipWhitespaceAndComments();
            if (pos >= length) {
                throw error("Unexpected end of content while loading JObject.");
            }
            members.add(new JsonValue.Member(name, value(false)));
            afterValue = true;
        }
    }

    private String name() throws JsonSyntaxException {
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            pos++;
            return quoted(c);
        }
        int start = pos;
        while (pos < length && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '$')) {
            pos++;
        }
        if (pos == start) {
            throw error("Invalid property identifier character: " + c + ".");
        }
        if (pos < length && !(isWhitespace(text.charAt(pos)) || text.charAt(pos) == ':')) {
            throw error("Invalid JavaScript property identifier character: " + text.charAt(pos) + ".");
        }
        return text.substring(start, pos);
    }

    private JsonValue array() throws JsonSyntaxException, NestingTooDeepException {
        enter();
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        boolean afterValue = false;
        while (true) {
            skipWhitespace();
            if (pos >= length) {
                throw error("Unexpected end of content while loading JArray.");
            }
            char c = text.charAt(pos);
            if (c == '/') {
                throw new UnmodelledInputException("Newtonsoft keeps a comment inside an array and writes it back; Casebook "
                        + "does not reproduce it");
            }
            if (c == ']') {
                pos++;
                exit();
                return new JsonValue.Arr(elements);
            }
            if (c == ',') {
                if (!afterValue) {
                    throw new UnmodelledInputException("Newtonsoft reads an empty array element as undefined and writes it back; "
                            + "Casebook does not reproduce it");
                }
                pos++;
                afterValue = false;
                continue;
            }
            if (afterValue) {
                throw error("After parsing a value an unexpected character was encountered: " + c + ".");
            }
            elements.add(value(true));
            afterValue = true;
        }
    }

    /**
     * {@code ParseNumber}: the characters a number may hold, then octal for a leading 0 followed by a digit, hex
     * for 0x, a double where there is a point or an exponent, else a long or a BigInteger.
     */
    private JsonValue number() throws JsonSyntaxException {
        int start = pos;
        while (pos < length && isNumberChar(text.charAt(pos))) {
            pos++;
        }
        String s = text.substring(start, pos);
        checkValueEnd();
        JsonSyntaxException invalid = new JsonSyntaxException("Input string '" + s + "' is not a valid number.", byteOffsetOf(start));
        if (s.length() > 1 && s.charAt(0) == '0' && s.charAt(1) != '.' && s.charAt(1) != 'e' && s.charAt(1) != 'E') {
            boolean hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
            if (!(hex ? s.substring(2).matches("[0-9a-fA-F]+") : s.substring(1).matches("[0-7]+"))) {
                throw invalid; // Convert.ToInt64(s, 8 or 16) takes its digits only
            }
            try {
                return new JsonValue.Num(Long.toString(Long.parseUnsignedLong(hex ? s.substring(2) : s.substring(1), hex ? 16 : 8)));
            } catch (NumberFormatException e) {
                throw invalid; // Convert.ToInt64(s, 8 or 16)
            }
        }
        if (s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            // double.Parse(s, NumberStyles.Float): a sign, digits with at most one point (on either side), an exponent
            if (!s.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw invalid;
            }
            String lexeme = s.replaceFirst("^(-?)\\.", "$10.").replaceFirst("\\.($|[eE])", ".0$1");
            if (Double.isInfinite(Double.parseDouble(lexeme))) {
                throw invalid; // an OverflowException, reported as not a valid number
            }
            return new JsonValue.Num(lexeme);
        }
        if (!s.matches("-?\\d+")) {
            throw invalid;
        }
        Long wrapped = monoLongTryParse(s);
        if (wrapped != null) {
            return new JsonValue.Num(wrapped.toString());
        }
        if (s.length() > MAX_BIG_INTEGER_CHARACTERS) {
            throw new JsonSyntaxException("JSON integer " + s.substring(0, 20) + "... is too large or small for an Int64.", byteOffsetOf(start));
        }
        return new JsonValue.Num(new BigInteger(s).toString());
    }

    /** {@code JsonTextReader.MaximumJavascriptIntegerCharacterLength}: a longer integer is refused rather than read as a BigInteger. */
    private static final int MAX_BIG_INTEGER_CHARACTERS = 380;

    /**
     * The body as Mono's {@code UTF8Encoding.GetString} has it, measured: a lead byte and a continuation byte out of
     * its range (an overlong form, a surrogate, past U+10FFFF) are one U+FFFD together, and each continuation byte after
     * them one more ({@code ED A0 80} is two); a sequence cut short is one; a byte that cannot lead is one. Java and the
     * WHATWG decoder count these differently.
     */
    static String decode(byte[] body) {
        StringBuilder out = new StringBuilder(body.length);
        int i = 0;
        while (i < body.length) {
            int b = body[i] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int needed = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
            if (needed == 0 || i + 1 >= body.length || !isContinuation(body[i + 1])) {
                out.append('\ufffd');
                i++;
                continue;
            }
            int second = body[i + 1] & 0xFF;
            int lo = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
            int hi = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
            if (second < lo || second > hi) {
                out.append('\ufffd');
                i += 2;
                continue;
            }
            int length = 2;
            while (length <= needed && i + length < body.length && isContinuation(body[i + length])) {
                length++;
            }
            if (length <= needed) {
                out.append('\ufffd'); // cut short
            } else {
                out.append(new String(body, i, length, java.nio.charset.StandardCharsets.UTF_8));
            }
            i += length;
        }
        return out.toString();
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * {@code long.TryParse} as Mono's runtime does it, measured: digits accumulate in 64 unsigned bits and overflow is
     * noticed only when a step makes the total smaller, so 24177257939247307939 reads as 5730513865537756323 (it
     * wrapped once, past 2^64, and grew) while 12345678901234567890 is refused and becomes an exact BigInteger.
     */
    private static Long monoLongTryParse(String s) {
        boolean negative = s.charAt(0) == '-';
        long total = 0;
        for (int i = negative ? 1 : 0; i < s.length(); i++) {
            long next = total * 10 + (s.charAt(i) - '0');
            if (Long.compareUnsigned(next, total) < 0) {
                return null;
            }
            total = next;
        }
        if (negative) {
            return Long.compareUnsigned(total, Long.MIN_VALUE) > 0 ? null : -total;
        }
        return total < 0 ? null : total;
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || c == 'x' || c == 'X'
                || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Whether a look-ahead for a low surrogate escape reached the end of the text (see {@link #document}). */
    private boolean lookAheadReachedEnd;

    /** A quoted string from after its quote; a surrogate escape that is not half of a pair reads as U+FFFD. */
    private String quoted(char quote) throws JsonSyntaxException {
        String unterminated = "Unterminated string. Expected delimiter: " + quote + ".";
        return LenientSyntax.quoted(this, quote, this::escape, unterminated, unterminated);
    }

    private void escape(char letter, StringBuilder into) throws JsonSyntaxException {
        switch (letter) {
            case '\\', '"', '\'', '/' -> into.append(letter);
            case 'u' -> {
                char unit = hex();
                if (Character.isHighSurrogate(unit) && text.startsWith("\\u", pos)) {
                    int save = pos;
                    pos += 2;
                    char low = hex();
                    if (Character.isLowSurrogate(low)) {
                        into.append(unit).append(low);
                    } else {
                        into.append('\ufffd');
                        pos = save; // the next escape is read on its own
                    }
                } else {
                    into.append(Character.isSurrogate(unit) ? '\ufffd' : unit);
                    lookAheadReachedEnd |= Character.isHighSurrogate(unit) && length - pos <= 2;
                }
            }
            default -> throw error("Bad JSON escape sequence: \\" + letter + ".");
        }
    }

    private char hex() throws JsonSyntaxException {
        int unit = pos + 4 <= length ? JsonGrammar.hex4(text, pos) : -1;
        if (unit < 0) {
            throw error("Unexpected end while parsing unicode character.");
        }
        pos += 4;
        return (char) unit;
    }

    private void skipWhitespace() {
        while (pos < length && isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipWhitespaceAndComments() throws JsonSyntaxException {
        skipWhitespace();
        while (pos < length && text.charAt(pos) == '/') {
            comment();
            skipWhitespace();
        }
    }

    private void comment() throws JsonSyntaxException {
        pos++;
        if (pos < length && text.charAt(pos) == '*') {
            skipBlockComment();
        } else if (pos < length && text.charAt(pos) == '/') {
            skipToEndOfLine();
        } else {
            throw error("Error parsing comment. Expected: *, got " + (pos < length ? text.charAt(pos) : "the end") + ".");
        }
    }

    /** .NET's {@code char.IsWhiteSpace}: Unicode's Zs, Zl and Zp, the controls 9 to 13, U+0085 and U+00A0; not U+FEFF. */
    private static boolean isWhitespace(char c) {
        if (c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00a0') {
            return true;
        }
        if (c < 0x1680) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private long byteOffsetOf(int charPos) {
        return text.substring(0, charPos).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
