package dev.casebook.web.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The keys file, read at start-up and again when it changes (a rotated Kubernetes Secret), checked
 * at most every few seconds. A file that breaks while running keeps the keys read before, with a
 * warning; a broken file at start-up stops the service.
 */
public final class KeysFile {

    private static final Logger LOG = Logger.getLogger(KeysFile.class);
    private static final long CHECK_EVERY_NANOS = 2_000_000_000L;

    private final Path path;
    private final LongSupplier nanoClock;
    private volatile ApiKeys keys;
    private volatile FileTime modified;
    private volatile long checkedAt;

    private KeysFile(Path path, LongSupplier nanoClock) {
        this.path = path;
        this.nanoClock = nanoClock;
    }

    /** Reads {@code path} now; an unreadable or malformed file is an error naming the file and line. */
    public static KeysFile open(Path path, LongSupplier nanoClock) {
        KeysFile file = new KeysFile(path, nanoClock);
        try {
            file.reload();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys file " + path + ": " + e.getMessage(), e);
        }
        return file;
    }

    public Path path() {
        return path;
    }

    /** The keys, re-read first if the file changed since it was last looked at. */
    public ApiKeys current() {
        long now = nanoClock.getAsLong();
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
            checkedAt = now;
            try {
                if (!Files.getLastModifiedTime(path).equals(modified)) {
                    reload();
                    LOG.infof("API keys re-read from %s: %d keys", path, keys.size());
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("API keys file %s cannot be used (%s); the %d keys read before stay in force", path,
                        e.getMessage(), keys.size());
            }
        }
        return keys;
    }

    private void reload() throws IOException {
        FileTime time = Files.getLastModifiedTime(path);
        ApiKeys read = ApiKeys.parse(Files.readAllLines(path, StandardCharsets.UTF_8));
        keys = read;
        modified = time;
    }
}
