package dev.casebook.web.jobs.shared;

import dev.casebook.web.config.StoreConfig;
import java.net.URI;
import java.util.Optional;

/**
 * How to reach one bucket of S3-compatible object storage. {@code endpoint} is absent for AWS (the
 * region finds it); without {@code accessKey} and {@code secretKey} the SDK's default credentials are used.
 */
public record S3Settings(Optional<URI> endpoint, String bucket, String region, Optional<String> accessKey,
        Optional<String> secretKey, boolean pathStyle) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("no bucket: set casebook.store.s3.bucket");
        }
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException(
                    "casebook.store.s3.access-key and casebook.store.s3.secret-key are set together or not at all");
        }
    }

    /** The settings {@code casebook.store.s3.*} give; refuses, naming the key, what cannot work. */
    public static S3Settings from(StoreConfig.S3 config) {
        return new S3Settings(config.endpoint(), config.bucket().orElse(null), config.region(), config.accessKey(),
                config.secretKey(), config.pathStyle());
    }

    /** Where requests go, for messages: the endpoint, or AWS's in the region. */
    public String where() {
        return endpoint.map(URI::toString).orElse("AWS S3 in " + region);
    }

    @Override
    public String toString() {
        // Never the secret key: settings end up in log lines and exception messages.
        return "S3Settings[" + where() + ", bucket " + bucket + (pathStyle ? ", path-style" : "") + "]";
    }
}
