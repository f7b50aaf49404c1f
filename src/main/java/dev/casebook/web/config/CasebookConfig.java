package dev.casebook.web.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;

/** Casebook's own settings ({@code casebook.*}, or {@code CASEBOOK_*} in the environment). */
@ConfigMapping(prefix = "casebook")
public interface CasebookConfig {

    /** Where jobs, dumps and results live; created at start-up. */
    @WithDefault("./casebook-data")
    Path dataDir();

    Http http();

    Canonical canonical();

    Jobs jobs();

    Auth auth();

    Store store();

    /**
     * Where jobs live. {@code local}: the data directory, for one replica. {@code shared}: PostgreSQL
     * (Quarkus's datasource) and object storage ({@link StoreConfig}), for several replicas (see JobBeans).
     */
    interface Store {
        enum Kind { LOCAL, SHARED }

        @WithDefault("local")
        Kind kind();

        /** How long a replica holds a job it claimed without renewing it (database clock). */
        @WithDefault("60s")
        java.time.Duration lease();

        /** How often a replica renews its lease, reports progress and learns of a cancellation. */
        @WithDefault("15s")
        java.time.Duration heartbeat();

        /** Local disk for parts on their way to the bucket and dumps on their way to the analysis (shared store only). */
        java.util.Optional<Path> scratchDir();
    }

    interface Auth {
        /**
         * The API keys file ({@code <id> <owner> <role> <salt> <sha256>} per line, see README). Without it
         * every caller is the one local owner, which the service only allows on a loopback address.
         */
        java.util.Optional<Path> keysFile();

        /** Invalid keys an address may send within a minute before it is refused with 429. */
        @WithDefault("10")
        @Min(1)
        int maxFailuresPerMinute();
    }

    interface Http {
        /** The address to listen on: loopback for the embedded run, 0.0.0.0 in a container. */
        @WithDefault("127.0.0.1")
        String host();
    }

    interface Canonical {
        /** The largest request body /v1/canonical and /v1/diagnoses accept (413 beyond). */
        @WithDefault("1M")
        MemorySize maxRequestSize();

        /** The deepest nesting of a signed body the service reads, whatever the language allows. */
        @WithDefault("10000")
        @Min(1)
        @Max(1_000_000)
        int maxDepth();
    }

    interface Jobs {
        /** The largest dump upload accepted, compressed or not (413 beyond). */
        @WithDefault("16G")
        MemorySize maxUploadSize();

        /** The largest size a gzip-compressed dump may inflate to (413 beyond): the decompression-bomb cap. */
        @WithDefault("32G")
        MemorySize maxInflatedSize();

        /** Free disk space kept in reserve: an upload that would eat into it is refused with 507. */
        @WithDefault("512M")
        MemorySize minFreeDisk();

        /**
         * Analyses run at once; each holds its dump's index in memory (about 32 bytes per object). 0 pauses
         * analysis: uploads are still accepted and queued (up to queue-size), and run once the service is
         * restarted with workers, e.g. while a node is drained for maintenance.
         */
        @WithDefault("1")
        @Min(0)
        @Max(64)
        int workers();

        /** Jobs that may wait for a worker; past this, uploads are refused with 429 and Retry-After. */
        @WithDefault("16")
        @Min(0)
        @Max(100_000)
        int queueSize();

        /** Seconds a client told 429 should wait before trying again. */
        @WithDefault("30")
        @Min(1)
        int retryAfterSeconds();

        /** Jobs one owner may have queued or running at once; past this, 429. */
        @WithDefault("4")
        @Min(1)
        int maxActivePerOwner();

        /** How long one analysis may run; past it the job fails with that reason. */
        @WithDefault("1h")
        java.time.Duration timeLimit();

        /** How long a finished job (its record and result) is kept before the purge deletes it. */
        @WithDefault("7d")
        java.time.Duration retention();

        /** Whether a dump is kept after its job ends (for re-analysis); by default it is deleted at once. */
        @WithDefault("false")
        boolean keepDumps();

        /**
         * How long the service has had no job to run before it gives back the heap analyses grew (one full
         * collection); 0: as soon as the last job ends. Jobs that follow within it start on the grown heap.
         */
        @WithDefault("30s")
        java.time.Duration releaseMemoryAfter();

        /**
         * Analyses of a synthetic dump (built from nothing, deleted after) run on a worker at start-up, so
         * that the first real job runs compiled code; 0 skips it. The default takes 1.5-2 s on one worker.
         */
        @WithDefault("3")
        @Min(0)
        @Max(20)
        int warmUpRounds();

        /** How many times a job interrupted by a restart is started before it is failed. */
        @WithDefault("2")
        @Min(1)
        int maxAttempts();
    }
}
