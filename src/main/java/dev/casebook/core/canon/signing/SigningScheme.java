package dev.casebook.core.canon.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A template over {@code {customerId}}, {@code {authToken}}, {@code {body}}, {@code {query}} plus
 * the algorithm and text encoding of the token. The default is the legacy scheme of the story:
 * the plain concatenation, SHA-256, hex.
 */
public record SigningScheme(String template, TokenAlgorithm algorithm, TokenEncoding encoding) {

    public static final String DEFAULT_TEMPLATE = "{customerId}{authToken}{body}{query}";
    public static final List<String> PLACEHOLDERS = List.of("customerId", "authToken", "body", "query");

    public SigningScheme {
        Objects.requireNonNull(template);
        Objects.requireNonNull(algorithm);
        Objects.requireNonNull(encoding);
        validate(template);
    }

    private static final SigningScheme DEFAULTS = new SigningScheme(DEFAULT_TEMPLATE, TokenAlgorithm.SHA256, TokenEncoding.HEX);

    public static SigningScheme defaults() {
        return DEFAULTS;
    }

    /**
     * Checks that every {@code {...}} names a placeholder.
     *
     * @throws IllegalArgumentException naming the unknown placeholder
     */
    public static void validate(String template) {
        int i = 0;
        while ((i = template.indexOf('{', i)) >= 0) {
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{' at character " + i + " of the template");
            }
            String name = template.substring(i + 1, close);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {" + name + "} in the template; the placeholders are "
                        + "{customerId}, {authToken}, {body} and {query}");
            }
            i = close + 1;
        }
    }

    /** The canonical string's bytes, and where the body and query landed in it. */
    public record Canonical(byte[] bytes, List<int[]> bodySpans, List<int[]> querySpans) {
    }

    public Canonical render(String customerId, String authToken, byte[] body, String query) {
        // The pieces first, then one array of the exact size: no stream, no growing, no final copy.
        List<byte[]> pieces = new ArrayList<>(8);
        byte[] query8 = null;
        int length = 0;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int literalEnd = open < 0 ? template.length() : open;
            if (literalEnd > i) {
                pieces.add(template.substring(i, literalEnd).getBytes(StandardCharsets.UTF_8));
            }
            if (open < 0) {
                break;
            }
            int close = template.indexOf('}', open);
            if (template.startsWith("customerId", open + 1)) {
                pieces.add(customerId.getBytes(StandardCharsets.UTF_8));
            } else if (template.startsWith("authToken", open + 1)) {
                pieces.add(authToken.getBytes(StandardCharsets.UTF_8));
            } else if (template.startsWith("body", open + 1)) {
                pieces.add(body);
            } else {
                query8 = query8 != null ? query8 : query.getBytes(StandardCharsets.UTF_8);
                pieces.add(query8);
            }
            i = close + 1;
        }
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        byte[] out = new byte[length];
        List<int[]> bodySpans = new ArrayList<>(1);
        List<int[]> querySpans = new ArrayList<>(1);
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            if (piece == body) {
                bodySpans.add(new int[] {at, at + piece.length});
            } else if (piece == query8) {
                querySpans.add(new int[] {at, at + piece.length});
            }
            at += piece.length;
        }
        return new Canonical(out, bodySpans, querySpans);
    }

    public String token(byte[] canonical, byte[] key) {
        return encoding.encode(algorithm.apply(canonical, key));
    }
}
