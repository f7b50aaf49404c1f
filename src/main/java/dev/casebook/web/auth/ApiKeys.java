package dev.casebook.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys, as their salted hashes. A key is {@code cbk_<id>_<secret>}: the id finds its entry, the
 * secret is checked against {@code sha256(salt ":" secret)} in constant time. Keys are 256 random
 * bits, so a fast salted hash is as strong as a slow one; the file never holds a key in clear.
 *
 * <p>The file has one key per line, {@code <id> <owner> <role> <salt> <hash>}, with {@code #} comments:
 * <pre>
 * # id       owner  role  salt                              sha256(salt:secret)
 * 7f3a9c21   alice  user  4b1d0e7c9a2f8e6d5c4b3a2918f7e6d5  9c1e...64 hex
 * </pre>
 */
public final class ApiKeys {

    public static final String PREFIX = "cbk_";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{16,128}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private record Entry(String owner, Role role, String salt, byte[] hash) {
    }

    private final Map<String, Entry> byId;

    private ApiKeys(Map<String, Entry> byId) {
        this.byId = byId;
    }

    public int size() {
        return byId.size();
    }

    /** Reads the keys file's lines; a malformed line is an error that names its number (never its hash). */
    public static ApiKeys parse(List<String> lines) {
        Map<String, Entry> byId = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            int number = i + 1;
            if (f.length != 5) {
                throw new IllegalArgumentException("keys file line " + number + ": expected <id> <owner> <role> <salt> <hash>, found "
                        + f.length + " fields");
            }
            Role role = Role.ofApiName(f[2]);
            String problem = !ID.matcher(f[0]).matches() ? "the id is not 8 lower-case hex digits"
                    : !OWNER.matcher(f[1]).matches() ? "the owner must be 1-64 letters, digits or ._@-"
                    : role == null ? "the role must be user or admin"
                    : !HEX.matcher(f[3]).matches() ? "the salt must be 16-128 lower-case hex digits"
                    : !SHA256.matcher(f[4]).matches() ? "the hash must be 64 lower-case hex digits (SHA-256)"
                    : byId.containsKey(f[0]) ? "the id " + f[0] + " appears twice"
                    : null;
            if (problem != null) {
                throw new IllegalArgumentException("keys file line " + number + ": " + problem);
            }
            byId.put(f[0], new Entry(f[1], role, f[3], HexFormat.of().parseHex(f[4])));
        }
        return new ApiKeys(Map.copyOf(byId));
    }

    /** The caller a presented key belongs to, or empty for any key that is not one of ours. */
    public Optional<Caller> verify(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        int split = presented.indexOf('_', PREFIX.length());
        if (split < 0) {
            return Optional.empty();
        }
        Entry entry = byId.get(presented.substring(PREFIX.length(), split));
        // An unknown id is checked against a dummy entry too, so that both answers take the same time.
        Entry checked = entry != null ? entry : DUMMY;
        byte[] actual = sha256(checked.salt() + ":" + presented.substring(split + 1));
        boolean equal = MessageDigest.isEqual(actual, checked.hash());
        return entry != null && equal ? Optional.of(new Caller(entry.owner(), entry.role())) : Optional.empty();
    }

    private static final Entry DUMMY = new Entry("", Role.USER, "00000000000000000000000000000000", new byte[32]);

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
