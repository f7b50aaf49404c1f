package dev.casebook.core.canon.signing;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who signs: the customer id and auth token of the legacy scheme, and the HMAC key where a scheme
 * uses one (the auth token unless a separate secret is given). {@link #toString()} never shows
 * the token or the secret.
 */
public record Credentials(String customerId, String authToken, String secret) {

    public Credentials {
        Objects.requireNonNull(customerId);
        Objects.requireNonNull(authToken);
    }

    public byte[] hmacKey() {
        return (secret != null ? secret : authToken).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Credentials[customerId=" + customerId + ", authToken=***, secret=" + (secret == null ? "none" : "***") + "]";
    }
}
