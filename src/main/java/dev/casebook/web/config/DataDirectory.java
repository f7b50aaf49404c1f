package dev.casebook.web.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Makes sure the data directory exists at start-up, and says where it is. */
@ApplicationScoped
public class DataDirectory {

    private static final Logger LOG = Logger.getLogger(DataDirectory.class);

    private final Path root;

    public DataDirectory(CasebookConfig config) {
        this.root = config.dataDir().toAbsolutePath().normalize();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root + " (casebook.data-dir)", e);
        }
        LOG.infof("Data directory: %s", root);
    }

    public Path root() {
        return root;
    }

    public boolean writable() {
        return Files.isDirectory(root) && Files.isWritable(root);
    }
}
