package dev.casebook.core.canon.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Query-string encoders as each language's standard library writes them
 * (docs/vectors/query/table.txt). Each differs only in which ASCII characters it leaves alone, how
 * it writes a space, and whether it sorts; non-ASCII is always percent-encoded UTF-8 with
 * upper-case hex. A lone surrogate in a name or value is written as U+FFFD, as a USVString is.
 */
public enum QueryEncoding {
    /** Python {@code urllib.parse.urlencode} ({@code quote_plus}). */
    PYTHON_URLENCODE("python-urlencode", "-._~", true, false),
    /** JavaScript {@code new URLSearchParams(pairs).toString()} (application/x-www-form-urlencoded). */
    JS_URLSEARCHPARAMS("javascript-urlsearchparams", "*-._", true, false),
    /** JavaScript {@code encodeURIComponent} on each name and value, joined with & and =. */
    JS_ENCODE_URI_COMPONENT("javascript-encodeuricomponent", "-_.!~*'()", false, false),
    /** RFC 3986 unreserved only (OAuth 1.0a, AWS SigV4), space as %20. */
    RFC3986("rfc3986", "-._~", false, false),
    /** PHP {@code http_build_query} ({@code urlencode}: ~ is encoded). */
    PHP_HTTP_BUILD_QUERY("php-http-build-query", "-._", true, false),
    /** Go {@code url.Values.Encode}: {@code QueryEscape}, sorted by key (stable within a key). */
    GO_VALUES_ENCODE("go-values-encode", "-._~", true, true),
    /** Ruby {@code URI.encode_www_form}. */
    RUBY_ENCODE_WWW_FORM("ruby-encode-www-form", "*-._", true, false),
    /** Java {@code URLEncoder.encode(s, UTF_8)}. */
    JAVA_URLENCODER("java-urlencoder", "*-._", true, false);

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final String id;
    private final boolean[] safe = new boolean[128];
    private final boolean spaceAsPlus;
    private final boolean sortByName;

    QueryEncoding(String id, String safePunctuation, boolean spaceAsPlus, boolean sortByName) {
        this.id = id;
        for (char c = 'a'; c <= 'z'; c++) {
            safe[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            safe[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            safe[c] = true;
        }
        for (char c : safePunctuation.toCharArray()) {
            safe[c] = true;
        }
        this.spaceAsPlus = spaceAsPlus;
        this.sortByName = sortByName;
    }

    public String id() {
        return id;
    }

    public static QueryEncoding fromId(String id) {
        for (QueryEncoding q : values()) {
            if (q.id.equals(id)) {
                return q;
            }
        }
        return null;
    }

    /** Encodes ordered pairs; an empty list gives the empty string. */
    public String encode(List<QueryPair> pairs) {
        List<QueryPair> ordered = pairs;
        if (sortByName) {
            ordered = new ArrayList<>(pairs);
            ordered.sort(Comparator.comparing(QueryPair::name, QueryEncoding::compareUtf8));
        }
        StringBuilder out = new StringBuilder();
        for (QueryPair p : ordered) {
            if (out.length() > 0) {
                out.append('&');
            }
            escape(p.name(), out);
            out.append('=');
            escape(p.value(), out);
        }
        return out.toString();
    }

    private void escape(String s, StringBuilder out) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8); // lone surrogates become '?': replaced below
        if (hasLoneSurrogate(s)) {
            utf8 = wellFormed(s).getBytes(StandardCharsets.UTF_8);
        }
        for (byte b : utf8) {
            int c = b & 0xff;
            if (c < 128 && safe[c]) {
                out.append((char) c);
            } else if (c == ' ' && spaceAsPlus) {
                out.append('+');
            } else {
                out.append('%').append((char) HEX[c >> 4]).append((char) HEX[c & 0xF]);
            }
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String wellFormed(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
