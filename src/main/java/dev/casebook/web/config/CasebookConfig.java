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
}
