package dev.casebook.web.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * Where a shared store keeps dumps and results: S3-compatible object storage ({@code casebook.store.s3.*}).
 * Every key is optional, since the embedded store (the data directory) needs none of them; the shared store
 * says which one it misses when it is built. The store's kind, lease, heartbeat and scratch directory are
 * in {@link CasebookConfig.Store}.
 */
@ConfigMapping(prefix = "casebook.store")
public interface StoreConfig {

    S3 s3();

    interface S3 {
        /** The S3 API's base URL (MinIO, Ceph, s3proxy); absent for AWS itself, found from the region. */
        Optional<URI> endpoint();

        Optional<String> bucket();

        /** Signed into every request; S3-compatible servers mostly accept any, AWS needs the bucket's. */
        @WithDefault("us-east-1")
        String region();

        /** Without a key pair the SDK's default chain is used (environment, profile, a pod's role). */
        Optional<String> accessKey();

        Optional<String> secretKey();

        /** {@code http://host/bucket/key} instead of {@code http://bucket.host/key}: what MinIO, Ceph and s3proxy expect. */
        @WithDefault("false")
        boolean pathStyle();
    }
}
