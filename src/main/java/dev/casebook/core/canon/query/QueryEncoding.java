package dev.casebook.core.canon.query;

import dev.casebook.core.canon.encode.KeyOrder;
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
    PYTHON_URLENCODE("python-urlencode", "-._~", true, Order.AS_GIVEN),
    /** JavaScript {@code new URLSearchParams(pairs).toString()} (application/x-www-form-urlencoded). */
    JS_URLSEARCHPARAMS("javascript-urlsearchparams", "*-._", true, Order.AS_GIVEN),
    /** JavaScript {@code encodeURIComponent} on each name and value, joined with & and =. */
    JS_ENCODE_URI_COMPONENT("javascript-encodeuricomponent", "-_.!~*'()", false, Order.AS_GIVEN),
    /** RFC 3986 unreserved only (OAuth 1.0a, AWS SigV4), space as %20. */
    RFC3986("rfc3986", "-._~", false, Order.AS_GIVEN),
    /** PHP {@code http_build_query} ({@code urlencode}: ~ is encoded). */
    PHP_HTTP_BUILD_QUERY("php-http-build-query", "-._", true, Order.AS_GIVEN),
    /** Go {@code url.Values.Encode}: {@code QueryEscape}, sorted by key (stable within a key). */
    GO_VALUES_ENCODE("go-values-encode", "-._~", true, Order.BY_NAME),
    /** Ruby {@code URI.encode_www_form}. */
    RUBY_ENCODE_WWW_FORM("ruby-encode-www-form", "*-._", true, Order.AS_GIVEN),
    /** Java {@code URLEncoder.encode(s, UTF_8)}. */
    JAVA_URLENCODER("java-urlencoder", "*-._", true, Order.AS_GIVEN),
    /**
     * AWS Signature V4's canonical query string (botocore, {@code @smithy/signature-v4}): RFC 3986
     * escaping, space as %20, pairs sorted by escaped name, then by escaped value.
     */
    AWS_SIGV4("aws-sigv4", "-._~", false, Order.BY_ESCAPED_PAIR),
    /**
     * axios's {@code params} (1.21 {@code buildURL}): {@code encodeURIComponent} with {@code : $ ,}
     * put back and a space as {@code +}; the params object's own key order, array-index names first;
     * each name trimmed as JavaScript's {@code trim()} does ({@code toFormData}).
     */
    /**
     * OkHttp's {@code HttpUrl.Builder.addQueryParameter} (5.x): its query-component encode set, so
     * only letters, digits and {@code * - . _} stay as they are; {@code +} is {@code %2B} and a
     * space {@code %20}.
     */
    OKHTTP("okhttp", "*-._", false, Order.AS_GIVEN),
    /**
     * Spring's {@code UriComponentsBuilder.queryParam(..).encode().build().getQuery()} (6.2): what a
     * query parameter may hold raw stays raw, {@code +} and {@code /?:@!$'()*,;} included; a space is
     * {@code %20}; names and values are URI templates, so a {@code {variable}} in them is left as it
     * is; values are grouped under the first place of their name (a MultiValueMap).
     */
    SPRING_URI("spring-uri", "-._~!$'()*+,;:@/?", false, Order.GROUPED_BY_NAME, false, true),
    AXIOS_PARAMS("axios-params", "-_.!~*'():$,", true, Order.ARRAY_INDEX_NAMES_FIRST, true, false);

    /** The order the pairs are written in. */
    private enum Order {
        AS_GIVEN,
        /** By name's UTF-8 bytes, stable within a name (Go). */
        BY_NAME,
        /** By escaped name, then escaped value (AWS SigV4's canonical query). */
        BY_ESCAPED_PAIR,
        /** A JavaScript object's own keys: array-index names ascending, then the rest as given. */
        ARRAY_INDEX_NAMES_FIRST,
        /** Each name at its first place with all its values (Spring's MultiValueMap). */
        GROUPED_BY_NAME
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final String id;
    private final boolean[] safe = new boolean[128];
    private final boolean spaceAsPlus;
    private final Order order;
    private final boolean trimNames;
    private final boolean uriTemplate;

    QueryEncoding(String id, String safePunctuation, boolean spaceAsPlus, Order order) {
        this(id, safePunctuation, spaceAsPlus, order, false, false);
    }

    QueryEncoding(String id, String safePunctuation, boolean spaceAsPlus, Order order, boolean trimNames, boolean uriTemplate) {
        this.id = id;
        this.trimNames = trimNames;
        this.uriTemplate = uriTemplate;
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
        this.order = order;
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
        List<String[]> escaped = new ArrayList<>(pairs.size());
        for (QueryPair p : ordered(pairs)) {
            StringBuilder name = new StringBuilder();
            StringBuilder value = new StringBuilder();
            String n = trimNames ? jsTrim(p.name()) : p.name();
            if (uriTemplate) {
                escapeTemplate(n, name);
                escapeTemplate(p.value(), value);
            } else {
                escape(n, name);
                escape(p.value(), value);
            }
            escaped.add(new String[] {name.toString(), value.toString()});
        }
        if (order == Order.BY_ESCAPED_PAIR) {
            escaped.sort(Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1])); // ASCII: by bytes
        }
        StringBuilder out = new StringBuilder();
        for (String[] e : escaped) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(e[0]).append('=').append(e[1]);
        }
        return out.toString();
    }

    private List<QueryPair> ordered(List<QueryPair> pairs) {
        List<QueryPair> ordered = new ArrayList<>(pairs);
        if (order == Order.BY_NAME) {
            ordered.sort(Comparator.comparing(QueryPair::name, QueryEncoding::compareUtf8));
        } else if (order == Order.GROUPED_BY_NAME) {
            List<String> firstPlaces = pairs.stream().map(QueryPair::name).distinct().toList();
            ordered.sort(Comparator.comparingInt(p -> firstPlaces.indexOf(p.name())));
        } else if (order == Order.ARRAY_INDEX_NAMES_FIRST) {
            ordered.sort(Comparator.comparingLong(p -> KeyOrder.arrayIndex(p.name()) < 0 ? Long.MAX_VALUE : KeyOrder.arrayIndex(p.name())));
        }
        return ordered;
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

    /**
     * Spring's {@code UriTemplateEncoder}, step by step: a string that is one URI variable
     * ({@code {name}}, {@code {name:regex}}) stays as it is; otherwise literal runs are escaped and
     * each {@code {...}} run is left as it is when it is a variable, escaped when it is not; an
     * unclosed {@code {} run is literal.
     */
    private void escapeTemplate(String source, StringBuilder out) {
        if (isUriVariable(source)) {
            out.append(source);
            return;
        }
        if (source.indexOf('{') == -1) {
            escape(source, out);
            return;
        }
        StringBuilder literal = new StringBuilder();
        StringBuilder variable = new StringBuilder();
        boolean nameAndRegex = false;
        int level = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == ':' && level == 1) {
                nameAndRegex = true;
            }
            if (c == '{') {
                level++;
                if (level == 1) {
                    escape(literal.toString(), out);
                    literal.setLength(0);
                    nameAndRegex = false;
                }
            }
            if (c == '}' && level > 0) {
                level--;
                variable.append('}');
                if (level == 0) {
                    if (isUriVariable(variable)) {
                        out.append(variable);
                    } else {
                        escape(variable.toString(), out);
                    }
                    variable.setLength(0);
                    nameAndRegex = false;
                } else if (!nameAndRegex) {
                    escape(variable.toString(), out);
                    variable.setLength(0);
                    nameAndRegex = false;
                    level = 0;
                }
            } else if (level > 0) {
                variable.append(c);
            } else {
                literal.append(c);
            }
        }
        if (level > 0) {
            literal.append(variable);
        }
        escape(literal.toString(), out);
    }

    private static boolean isUriVariable(CharSequence source) {
        if (source.length() < 2 || source.charAt(0) != '{' || source.charAt(source.length() - 1) != '}') {
            return false;
        }
        boolean hasText = false;
        for (int i = 1; i < source.length() - 1; i++) {
            char c = source.charAt(i);
            if (c == ':' && i > 1) {
                return true;
            }
            if (c == '{' || c == '}') {
                return false;
            }
            hasText = hasText || !Character.isWhitespace(c);
        }
        return hasText;
    }

    /** ECMAScript {@code String.prototype.trim}: white space (Zs, TAB, VT, FF, BOM) and line terminators at both ends. */
    private static String jsTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsWhiteSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhiteSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isJsWhiteSpace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\ufeff'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
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
