package dev.casebook.testing;

import dev.casebook.web.auth.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * API keys made as {@code src/main/scripts/casebook-new-key} makes them (the service only verifies keys):
 * {@code cbk_<8 hex id>_<base64url secret>}, and the keys file's line {@code id owner role salt
 * sha256(salt:secret)}. Written here apart from the service's verifier, so that a test checks one against
 * the other.
 */
public final class TestKeys {

    /** A key to present, and the line that admits it. */
    public record Key(String key, String line) {
    }

    private TestKeys() {
    }

    public static Key issue(String owner, Role role, Random random) {
        byte[] id = new byte[4];
        byte[] secret = new byte[32];
        byte[] salt = new byte[16];
        random.nextBytes(id);
        random.nextBytes(secret);
        random.nextBytes(salt);
        String idHex = HexFormat.of().formatHex(id);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String saltHex = HexFormat.of().formatHex(salt);
        String hash = HexFormat.of().formatHex(sha256(saltHex + ":" + secretText));
        return new Key("cbk_" + idHex + "_" + secretText, String.join(" ", idHex, owner, role.apiName(), saltHex, hash));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
