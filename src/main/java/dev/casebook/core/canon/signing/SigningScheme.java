package dev.casebook.core.canon.signing;

import java.io.ByteArrayOutputStream;
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

    public static SigningScheme defaults() {
        return new SigningScheme(DEFAULT_TEMPLATE, TokenAlgorithm.SHA256, TokenEncoding.HEX);
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + body.length);
        List<int[]> bodySpans = new ArrayList<>(1);
        List<int[]> querySpans = new ArrayList<>(1);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.writeBytes(template.substring(i).getBytes(StandardCharsets.UTF_8));
                break;
            }
            out.writeBytes(template.substring(i, open).getBytes(StandardCharsets.UTF_8));
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close);
            int start = out.size();
            switch (name) {
                case "customerId" -> out.writeBytes(customerId.getBytes(StandardCharsets.UTF_8));
                case "authToken" -> out.writeBytes(authToken.getBytes(StandardCharsets.UTF_8));
                case "body" -> {
                    out.writeBytes(body);
                    bodySpans.add(new int[] {start, out.size()});
                }
                default -> {
                    out.writeBytes(query.getBytes(StandardCharsets.UTF_8));
                    querySpans.add(new int[] {start, out.size()});
                }
            }
            i = close + 1;
        }
        return new Canonical(out.toByteArray(), bodySpans, querySpans);
    }

    public String token(byte[] canonical, byte[] key) {
        return encoding.encode(algorithm.apply(canonical, key));
    }
}
