package dev.casebook.web.jobs.shared;

import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.config.StoreConfig;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The shared store's one {@link ObjectStorage}, built from {@code casebook.store.s3.*} on first use and
 * closed at shutdown. Only the shared store ({@code casebook.store.kind=shared}) asks for it: the local
 * mode never creates it, and asking for it there is a mistake this producer refuses. Settings that cannot
 * work are refused with a message naming the key ({@link S3Settings#from}), never a secret.
 */
@ApplicationScoped
public class ObjectStorageProducer {

    @Produces
    @Singleton
    @Unremovable
    ObjectStorage objectStorage(CasebookConfig casebook, StoreConfig store) {
        if (casebook.store().kind() != CasebookConfig.Store.Kind.SHARED) {
            throw new IllegalStateException("object storage is only used by casebook.store.kind=shared, not "
                    + casebook.store().kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        Path scratch = casebook.store().scratchDir().orElse(casebook.dataDir().resolve("scratch"));
        return new ObjectStorage(S3Settings.from(store.s3()), scratch, ObjectStorage.DEFAULT_PART_SIZE,
                casebook.jobs().minFreeDisk().asLongValue());
    }

    void close(@Disposes ObjectStorage storage) {
        storage.close();
    }
}
