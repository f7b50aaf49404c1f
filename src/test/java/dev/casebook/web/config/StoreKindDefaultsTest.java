package dev.casebook.web.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The datasource is only active for the shared store, unless it is set explicitly. */
class StoreKindDefaultsTest {

    private static String active(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "application.properties", 250))
                .withSources(new StoreKindDefaults())
                .build();
        return config.getRawValue(StoreKindDefaults.ACTIVE);
    }

    @Test
    void theLocalStoreNeedsNoDatabase() {
        assertEquals("false", active(Map.of()));
        assertEquals("false", active(Map.of("casebook.store.kind", "local")));
    }

    @Test
    void theSharedStoreActivatesTheDatasource() {
        assertEquals("true", active(Map.of("casebook.store.kind", "shared")));
        assertEquals("true", active(Map.of("casebook.store.kind", " SHARED ")));
    }

    @Test
    void anExplicitSettingWins() {
        assertEquals("true", active(Map.of("casebook.store.kind", "local", StoreKindDefaults.ACTIVE, "true")));
        assertEquals("false", active(Map.of("casebook.store.kind", "shared", StoreKindDefaults.ACTIVE, "false")));
    }
}
