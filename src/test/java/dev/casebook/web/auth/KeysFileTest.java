package dev.casebook.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.TestKeys;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rotated keys file (a Kubernetes Secret updated in place) takes effect without a restart. */
class KeysFileTest {

    @TempDir
    Path dir;

    @Test
    void aChangedFileIsReReadAndABrokenOneKeepsTheKeysReadBefore() throws Exception {
        SecureRandom random = new SecureRandom();
        TestKeys.Key alice = TestKeys.issue("alice", Role.USER, random);
        TestKeys.Key bob = TestKeys.issue("bob", Role.ADMIN, random);
        Path file = Files.writeString(dir.resolve("keys"), alice.line() + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-27T10:00:00Z")));
        AtomicLong now = new AtomicLong(10_000_000_000L);
        KeysFile keys = KeysFile.open(file, now::get);
        assertEquals(Optional.of(new Caller("alice", Role.USER)), keys.current().verify(alice.key()));

        Files.writeString(file, bob.line() + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-27T10:05:00Z")));
        assertTrue(keys.current().verify(alice.key()).isPresent(), "looked at no more than every 2 s");
        now.addAndGet(2_000_000_000L);
        assertEquals(Optional.empty(), keys.current().verify(alice.key()), "alice's key was revoked");
        assertEquals(Optional.of(new Caller("bob", Role.ADMIN)), keys.current().verify(bob.key()));

        Files.writeString(file, "not a keys line\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-27T10:10:00Z")));
        now.addAndGet(2_000_000_000L);
        assertTrue(keys.current().verify(bob.key()).isPresent(), "a broken file keeps the keys read before");
    }

    @Test
    void aMissingOrBrokenFileAtStartStopsTheService() throws Exception {
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> KeysFile.open(dir.resolve("nope"), System::nanoTime));
        assertTrue(missing.getMessage().contains("cannot read the API keys file"), missing.getMessage());
        Path broken = Files.writeString(dir.resolve("broken"), "a b c\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeysFile.open(broken, System::nanoTime));
        assertTrue(e.getMessage().startsWith("keys file line 1:"), e.getMessage());
    }
}
