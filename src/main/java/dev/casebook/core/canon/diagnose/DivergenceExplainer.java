package dev.casebook.core.canon.diagnose;

import dev.casebook.core.canon.encode.KeyOrder;
import dev.casebook.core.canon.json.JsonGrammar;
import dev.casebook.core.canon.profile.EncoderProfile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Names the class of a divergence between an expected canonical string and the sent one, and
 * says it in one plain sentence, by looking at the bytes on both sides of the first difference.
 *
 * <p>Contract: inputs are the two canonical strings, the first-difference offset and where the
 * body and query sit in each; output is a cause and a sentence. Pure and cheap: it reads a few
 * dozen bytes around the offset.
 */
final class DivergenceExplainer {

    private final byte[] expected;
    private final byte[] actual;
    private final int offset;
    private final EncoderProfile expectedProfile;

    record Explained(Cause cause, String sentence) {
    }

    DivergenceExplainer(byte[] expected, byte[] actual, int offset, EncoderProfile expectedProfile) {
        this.expected = expected;
        this.actual = actual;
        this.offset = offset;
        this.expectedProfile = expectedProfile;
    }

    private String who() {
        return "the expected side (" + expectedProfile.id() + ")";
    }

    Explained inQuery() {
        String e = ByteDiff.text(expected, offset, offset + 3);
        String a = ByteDiff.text(actual, offset, offset + 3);
        if (e.startsWith("+") && a.startsWith("%20") || e.startsWith("%20") && a.startsWith("+")) {
            return new Explained(Cause.QUERY_SPACE_ENCODING, "In the query, " + who() + " writes a space as '"
                    + (e.startsWith("+") ? "+" : "%20") + "' where the sent query has '" + (a.startsWith("+") ? "+" : "%20")
                    + "' (form encoding versus RFC 3986).");
        }
        for (String reserved : new String[] {"~", "*", "'", "!", "(", ")"}) {
            String pct = String.format("%%%02X", (int) reserved.charAt(0));
            if (e.startsWith(reserved) && a.toUpperCase().startsWith(pct) || a.startsWith(reserved) && e.toUpperCase().startsWith(pct)) {
                return new Explained(Cause.QUERY_RESERVED_CHARACTER, "In the query, " + who() + " writes '"
                        + (e.startsWith(reserved) ? reserved : pct) + "' where the sent query has '"
                        + (a.startsWith(reserved) ? reserved : pct) + "': the two query encoders escape '" + reserved + "' differently.");
            }
        }
        return new Explained(Cause.QUERY_ENCODING, "The query strings part here: " + who() + " has '" + e + "' where the sent query has '"
                + a + "' (a different query encoder, or parameters in another order).");
    }

    Explained inBody(int expectedBodyStart, int expectedBodyEnd, int actualBodyStart, int actualBodyEnd) {
        if (offset == actualBodyStart && startsWithBom(actual, actualBodyStart)) {
            return new Explained(Cause.BYTE_ORDER_MARK, "The sent body starts with a UTF-8 byte order mark (EF BB BF) that "
                    + who() + " does not write.");
        }
        if (offset == expectedBodyStart && startsWithBom(expected, expectedBodyStart)) {
            return new Explained(Cause.BYTE_ORDER_MARK, who() + " starts the body with a byte order mark that the sent body lacks.");
        }
        int expectedRest = expectedBodyEnd - offset;
        int actualRest = actualBodyEnd - offset;
        if (expectedRest == 1 && expected[offset] == '\n' && actualRest == 0) {
            return new Explained(Cause.TRAILING_NEWLINE, who() + " ends the body with a newline that the sent body does not have.");
        }
        if (actualRest == 1 && actual[offset] == '\n' && expectedRest == 0) {
            return new Explained(Cause.TRAILING_NEWLINE, "The sent body ends with a newline that " + who() + " does not write.");
        }
        int e = at(expected, offset);
        int a = at(actual, offset);
        if (isWhitespace(e) || isWhitespace(a)) {
            return whitespace(e, a);
        }
        Explained escape = escapes();
        if (escape != null) {
            return escape;
        }
        Explained number = numbers();
        if (number != null) {
            return number;
        }
        if (inKey(expected, offset) && inKey(actual, offset)) {
            return keyOrder();
        }
        return new Explained(Cause.OTHER, "The bodies part at this byte: " + who() + " has '" + around(expected) + "' where the sent body has '"
                + around(actual) + "'.");
    }

    private Explained whitespace(int e, int a) {
        boolean newline = e == '\n' || a == '\n' || e == '\r' || a == '\r';
        if (newline) {
            return new Explained(Cause.INDENTATION, isWhitespace(e)
                    ? who() + " breaks the line and indents here where the sent body continues on one line."
                    : "The sent body breaks the line and indents here where " + who() + " writes everything on one line.");
        }
        int previous = offset > 0 ? expected[offset - 1] : -1;
        String after = previous == ':' ? " after ':'" : previous == ',' ? " after ','" : "";
        return new Explained(Cause.SEPARATOR_WHITESPACE, isWhitespace(e)
                ? who() + " puts a space" + after + " where the sent body has none."
                : "The sent body has a space" + after + " where " + who() + " has none.");
    }

    /** Escapes: both sides decoded around the offset to the character they stand for. */
    private Explained escapes() {
        Unit eu = Unit.at(expected, offset);
        Unit au = Unit.at(actual, offset);
        if (eu == null || au == null || !(eu.escaped || au.escaped)) {
            return null;
        }
        if (eu.codePoint != au.codePoint) {
            return null;
        }
        int c = eu.codePoint;
        String shown = describe(c);
        if (eu.escaped && au.escaped) {
            if (eu.text.equalsIgnoreCase(au.text)) {
                return new Explained(Cause.ESCAPE_HEX_CASE, who() + " writes " + shown + " as " + eu.text + " where the sent body writes "
                        + au.text + ": the same escape in the other letter case.");
            }
            return new Explained(Cause.CONTROL_CHARACTER_ESCAPING, who() + " writes " + shown + " as " + eu.text
                    + " where the sent body writes " + au.text + ".");
        }
        String escapedSide = eu.escaped ? who() : "the sent body";
        String rawSide = eu.escaped ? "the sent body" : who();
        String escapedText = eu.escaped ? eu.text : au.text;
        Cause cause;
        if (c == '/') {
            cause = Cause.SLASH_ESCAPING;
        } else if ("<>&='+`".indexOf(c) >= 0) {
            // the HTML-safe sets: Go's and Rails' <>&, Gson's <>&=', PHP's JSON_HEX_*, System.Text.Json's + and ` too
            cause = Cause.HTML_ESCAPING;
        } else if (c == 0x2028 || c == 0x2029) {
            cause = Cause.LINE_SEPARATOR_ESCAPING;
        } else if (c < 0x20 || c == 0x7f) {
            cause = Cause.CONTROL_CHARACTER_ESCAPING;
        } else {
            cause = Cause.NON_ASCII_ESCAPING;
        }
        return new Explained(cause, escapedSide + " escapes " + shown + " as " + escapedText + " where " + rawSide
                + " writes it as it is" + (cause == Cause.NON_ASCII_ESCAPING ? " (UTF-8)" : "") + ".");
    }

    private Explained numbers() {
        String en = numberAround(expected);
        String an = numberAround(actual);
        if (en == null || an == null) {
            String literal = en != null ? literalAround(actual) : an != null ? literalAround(expected) : null;
            if (literal != null && (literal.equals("null") || literal.contains("Infinity") || literal.contains("NaN"))) {
                return new Explained(Cause.NON_FINITE_NUMBER, "A number beyond the range of a double is written as "
                        + literalAround(expected) + " by " + who() + " but as " + literalAround(actual) + " in the sent body.");
            }
            return null;
        }
        BigDecimal ev = decimal(en);
        BigDecimal av = decimal(an);
        if (ev == null || av == null) {
            return new Explained(Cause.NON_FINITE_NUMBER, who() + " writes the number as " + en + " where the sent body has " + an + ".");
        }
        if (ev.compareTo(av) == 0) {
            if (ev.signum() == 0 && en.startsWith("-") != an.startsWith("-")) {
                return new Explained(Cause.NEGATIVE_ZERO, who() + " writes zero as " + en + " where the sent body has " + an
                        + ": one encoder keeps the sign of -0 and the other drops it.");
            }
            return new Explained(Cause.NUMBER_LAYOUT, who() + " writes the number " + an + " as " + en
                    + ": the same value in another layout (a float keeps or drops '.0', or switches to exponent form).");
        }
        boolean rounded = ev.toBigInteger().toString().replace("-", "").length() >= 16
                || av.toBigInteger().toString().replace("-", "").length() >= 16
                || ev.doubleValue() == av.doubleValue();
        if (rounded) {
            return new Explained(Cause.BIG_INTEGER_ROUNDED, who() + " writes " + en + " where the sent body has " + an
                    + ": one side read the number as a double and rounded it.");
        }
        return new Explained(Cause.OTHER, who() + " writes the number " + en + " where the sent body has " + an + ".");
    }

    private Explained keyOrder() {
        String ek = keyAround(expected);
        String ak = keyAround(actual);
        String how = expectedProfile.encoding() == null ? "" : switch (expectedProfile.encoding().keyOrder()) {
            case CODE_POINT, UTF16 -> " because it sorts keys";
            case ARRAY_INDEX_FIRST -> " because JavaScript moves integer-like keys first";
            default -> "";
        };
        if (expectedProfile.encoding() != null && expectedProfile.encoding().keyOrder() == KeyOrder.INSERTION && isIndexLike(ak)) {
            how = " (the sent body has integer-like keys first, as JavaScript orders them)";
        }
        return new Explained(Cause.KEY_ORDER, who() + " writes key " + ek + " here where the sent body has key " + ak + how + ".");
    }

    private static boolean isIndexLike(String quotedKey) {
        return quotedKey.matches("\"(0|[1-9][0-9]{0,9})\"");
    }

    // --- byte-level helpers ---

    private static int at(byte[] b, int i) {
        return i < b.length ? b[i] & 0xff : -1;
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static boolean startsWithBom(byte[] b, int i) {
        return i + 3 <= b.length && (b[i] & 0xff) == 0xEF && (b[i + 1] & 0xff) == 0xBB && (b[i + 2] & 0xff) == 0xBF;
    }

    private String around(byte[] b) {
        return ByteDiff.text(b, offset, offset + 12);
    }

    private static boolean isNumberChar(int c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    }

    private String numberAround(byte[] b) {
        int s = offset;
        while (s > 0 && isNumberChar(b[s - 1] & 0xff)) {
            s--;
        }
        int e = offset;
        while (e < b.length && isNumberChar(b[e] & 0xff)) {
            e++;
        }
        if (s == e) {
            return null;
        }
        int before = s > 0 ? b[s - 1] & 0xff : -1;
        // A number in JSON follows ':', '[', ',' or whitespace, never a quote or a letter.
        if (before == '"' || Character.isLetter(before) || before == '\\') {
            return null;
        }
        String token = new String(b, s, e - s, StandardCharsets.US_ASCII);
        return token.matches("-?\\d.*") ? token : null;
    }

    private String literalAround(byte[] b) {
        int s = offset;
        while (s > 0 && (Character.isLetterOrDigit(b[s - 1]) || b[s - 1] == '"' || b[s - 1] == '-' || b[s - 1] == '.')) {
            s--;
        }
        int e = offset;
        while (e < b.length && (Character.isLetterOrDigit(b[e]) || b[e] == '"' || b[e] == '-' || b[e] == '.' || b[e] == '+')) {
            e++;
        }
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    private static BigDecimal decimal(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code i} lies inside a string that is an object key: its opening quote follows '{' or ','. */
    private static boolean inKey(byte[] b, int i) {
        int open = stringStart(b, i);
        if (open < 0) {
            return false;
        }
        int p = open - 1;
        while (p >= 0 && isWhitespace(b[p] & 0xff)) {
            p--;
        }
        return p >= 0 && (b[p] == '{' || b[p] == ',') && keyEnds(b, open);
    }

    private static boolean keyEnds(byte[] b, int open) {
        int p = open + 1;
        while (p < b.length && b[p] != '"') {
            p += b[p] == '\\' ? 2 : 1;
        }
        p++;
        while (p < b.length && isWhitespace(b[p] & 0xff)) {
            p++;
        }
        return p < b.length && b[p] == ':';
    }

    /** The opening quote of the string containing (or starting at) {@code i}, found by scanning from the start. */
    private static int stringStart(byte[] b, int i) {
        int open = -1;
        boolean inString = false;
        for (int p = 0; p <= Math.min(i, b.length - 1); p++) {
            if (inString) {
                if (b[p] == '\\') {
                    p++;
                } else if (b[p] == '"') {
                    inString = false;
                    if (p == i) {
                        return -1;
                    }
                }
            } else if (b[p] == '"') {
                inString = true;
                open = p;
            }
        }
        return inString ? open : -1;
    }

    private String keyAround(byte[] b) {
        int open = stringStart(b, offset);
        int p = open + 1;
        while (p < b.length && b[p] != '"') {
            p += b[p] == '\\' ? 2 : 1;
        }
        return ByteDiff.text(b, open, Math.min(p + 1, b.length));
    }

    private static String describe(int c) {
        if (c == '/') {
            return "'/'";
        }
        if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029) {
            return String.format("U+%04X", c);
        }
        return "'" + new String(Character.toChars(c)) + "' (" + String.format("U+%04X", c) + ")";
    }

    /** One character as written: raw UTF-8 or an escape, with the code point it stands for. */
    private record Unit(int codePoint, boolean escaped, String text) {

        /** The unit covering byte {@code i} (an escape that started up to 11 bytes earlier counts). */
        static Unit at(byte[] b, int i) {
            if (i >= b.length) {
                return null; // one side ends where the other goes on: no character there
            }
            int start = escapeStart(b, i);
            if (start >= 0) {
                return escape(b, start);
            }
            int s = i;
            while (s > 0 && (b[s] & 0xC0) == 0x80) {
                s--;
            }
            int len = (b[s] & 0xff) < 0x80 ? 1 : (b[s] & 0xE0) == 0xC0 ? 2 : (b[s] & 0xF0) == 0xE0 ? 3 : 4;
            String ch = ByteDiff.text(b, s, s + len);
            return ch.isEmpty() ? null : new Unit(ch.codePointAt(0), false, ch);
        }

        private static int escapeStart(byte[] b, int i) {
            for (int s = i; s >= Math.max(0, i - 11); s--) {
                if (b[s] == '\\' && !escapedBackslash(b, s)) {
                    Unit u = escape(b, s);
                    if (u != null && s + u.text.length() > i) {
                        return s;
                    }
                }
            }
            return -1;
        }

        private static boolean escapedBackslash(byte[] b, int s) {
            int n = 0;
            for (int p = s - 1; p >= 0 && b[p] == '\\'; p--) {
                n++;
            }
            return n % 2 == 1;
        }

        private static Unit escape(byte[] b, int s) {
            if (s + 1 >= b.length) {
                return null;
            }
            char kind = (char) b[s + 1];
            if (kind != 'u') {
                int cp = switch (kind) {
                    case '/' -> '/';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case '"' -> '"';
                    case '\\' -> '\\';
                    default -> -1;
                };
                return cp < 0 ? null : new Unit(cp, true, ByteDiff.text(b, s, s + 2));
            }
            int unit = JsonGrammar.hex4(b, s + 2, b.length);
            if (unit < 0) {
                return null;
            }
            if (Character.isHighSurrogate((char) unit) && s + 12 <= b.length && b[s + 6] == '\\' && b[s + 7] == 'u') {
                int low = JsonGrammar.hex4(b, s + 8, b.length);
                if (low >= 0 && Character.isLowSurrogate((char) low)) {
                    return new Unit(Character.toCodePoint((char) unit, (char) low), true, ByteDiff.text(b, s, s + 12));
                }
            }
            return new Unit(unit, true, ByteDiff.text(b, s, s + 6));
        }
    }
}
