package dev.casebook.core.canon.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Digest or HMAC over the canonical string's bytes. */
public enum TokenAlgorithm {
    MD5("md5", "MD5", false),
    SHA1("sha1", "SHA-1", false),
    SHA256("sha256", "SHA-256", false),
    SHA512("sha512", "SHA-512", false),
    HMAC_SHA1("hmac-sha1", "HmacSHA1", true),
    HMAC_SHA256("hmac-sha256", "HmacSHA256", true),
    HMAC_SHA512("hmac-sha512", "HmacSHA512", true);

    private final String id;
    private final String jcaName;
    private final boolean keyed;
    /** A digest per thread: looking one up through the JCA providers costs more than hashing a small body. */
    private final ThreadLocal<MessageDigest> digests;

    TokenAlgorithm(String id, String jcaName, boolean keyed) {
        this.id = id;
        this.jcaName = jcaName;
        this.keyed = keyed;
        this.digests = keyed ? null : ThreadLocal.withInitial(this::newDigest);
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    public String id() {
        return id;
    }

    public boolean keyed() {
        return keyed;
    }

    public static TokenAlgorithm fromId(String id) {
        for (TokenAlgorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    public byte[] apply(byte[] message, byte[] key) {
        try {
            if (keyed) {
                Mac mac = Mac.getInstance(jcaName);
                // An empty HMAC key is legal (RFC 2104) but SecretKeySpec refuses it; one zero byte
                // is the same key once HMAC pads it to the block size.
                mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, jcaName));
                return mac.doFinal(message);
            }
            return digests.get().digest(message); // digest() leaves it reset for the next message
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }
}
