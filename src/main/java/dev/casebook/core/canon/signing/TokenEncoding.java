package dev.casebook.core.canon.signing;

import java.util.Base64;
import java.util.HexFormat;

/** How the token's bytes are written as text. */
public enum TokenEncoding {
    HEX("hex"), BASE64("base64"), BASE64URL("base64url");

    private final String id;

    TokenEncoding(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static TokenEncoding fromId(String id) {
        for (TokenEncoding e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        return null;
    }

    public String encode(byte[] bytes) {
        return switch (this) {
            case HEX -> HexFormat.of().formatHex(bytes);
            case BASE64 -> Base64.getEncoder().encodeToString(bytes);
            case BASE64URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        };
    }

    /** Whether a token a client sent is this encoding of {@code bytes} (hex in either case; base64url with or without padding). */
    public boolean matches(String sent, byte[] bytes) {
        String mine = encode(bytes);
        return switch (this) {
            case HEX -> mine.equalsIgnoreCase(sent.trim());
            case BASE64 -> mine.equals(sent.trim());
            case BASE64URL -> mine.equals(stripPadding(sent.trim()));
        };
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }
}
