package dev.casebook.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.TestKeys;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void anIssuedKeyVerifiesAsItsOwnerAndRoleAndTheFileHoldsNoKey() {
        TestKeys.Key alice = TestKeys.issue("alice", Role.USER, random);
        TestKeys.Key root = TestKeys.issue("ops", Role.ADMIN, random);
        ApiKeys keys = ApiKeys.parse(List.of("# id owner role salt hash", "", alice.line(), "  " + root.line() + "  "));
        assertEquals(2, keys.size());
        assertEquals(Optional.of(new Caller("alice", Role.USER)), keys.verify(alice.key()));
        assertEquals(Optional.of(new Caller("ops", Role.ADMIN)), keys.verify(root.key()));
        // "cbk_" + 8-hex id + "_", then the secret: it may hold '_' itself, so it is not what follows the last one
        // (a short tail of it could be in the hex by chance: the test failed that way once in CI).
        String secret = alice.key().substring("cbk_00000000_".length());
        assertFalse(alice.line().contains(secret), "the line has the hash, not the secret");
        assertTrue(alice.key().matches("cbk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"), alice.key());
    }

    @Test
    void anythingElseIsRefused() {
        TestKeys.Key alice = TestKeys.issue("alice", Role.USER, random);
        ApiKeys keys = ApiKeys.parse(List.of(alice.line()));
        String key = alice.key();
        char last = key.charAt(key.length() - 1);
        for (String wrong : new String[] {key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A'),
                key + "x", key.substring(0, key.length() - 1), "cbk_00000000_" + key.substring(13), key.replace("cbk_", "cbx_"),
                "cbk_", "cbk_nounderscore", "", null, "cbk_" + "a".repeat(300)}) {
            assertEquals(Optional.empty(), keys.verify(wrong), String.valueOf(wrong));
        }
    }

    @Test
    void aMalformedLineIsReportedByNumberWithoutItsContent() {
        TestKeys.Key alice = TestKeys.issue("alice", Role.USER, random);
        String[] fields = alice.line().split(" ");
        assertMessage("line 2: expected <id> <owner> <role> <salt> <hash>, found 4 fields",
                List.of("# keys", fields[0] + " alice user " + fields[3]));
        assertMessage("line 1: the role must be user or admin", List.of(alice.line().replace(" user ", " root ")));
        assertMessage("line 1: the id is not 8 lower-case hex digits", List.of("XYZ" + alice.line().substring(3)));
        assertMessage("line 1: the hash must be 64 lower-case hex digits (SHA-256)", List.of(alice.line().substring(0, alice.line().length() - 2)));
        assertMessage("line 2: the id " + fields[0] + " appears twice", List.of(alice.line(), alice.line()));
        assertMessage("line 1: the owner must be 1-64 letters, digits or ._@-", List.of(alice.line().replace(" alice ", " al/ice ")));
    }

    private static void assertMessage(String expected, List<String> lines) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(lines));
        assertEquals("keys file " + expected, e.getMessage());
    }
}
