package dev.casebook.web.health;

import dev.casebook.web.jobs.shared.ObjectStorage;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * In shared mode ({@code casebook.store.kind=shared}) ready only while the bucket answers: dumps and results
 * go there. Down, it says why in {@code data.reason} (the endpoint, the bucket and the key to check, never
 * a secret). The local mode has no such check: its readiness is the data directory's alone. The database
 * has Quarkus's own check ("Database connections health check"), active with the datasource.
 */
@Readiness
@ApplicationScoped
@LookupIfProperty(name = "casebook.store.kind", stringValue = "shared")
public class ObjectStorageReadiness implements HealthCheck {

    static final String NAME = "object-storage";

    private final Instance<ObjectStorage> storage;

    public ObjectStorageReadiness(Instance<ObjectStorage> storage) {
        this.storage = storage;
    }

    @Override
    public HealthCheckResponse call() {
        return response(reason());
    }

    private Optional<String> reason() {
        ObjectStorage bucket;
        try {
            bucket = storage.get();
        } catch (RuntimeException e) {
            // casebook.store.s3.* that cannot work (no bucket, half a key pair): S3Settings' message names the key.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException refused) {
                    return Optional.of(refused.getMessage());
                }
            }
            throw e;
        }
        return bucket.checkBucket();
    }

    static HealthCheckResponse response(Optional<String> reason) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME);
        return reason.map(r -> builder.down().withData("reason", r)).orElseGet(builder::up).build();
    }
}
