package dev.casebook.web.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives {@code quarkus.datasource.active} from {@code casebook.store.kind}: the database is only
 * needed by the shared store, and the local mode must start with no database configured at all (an
 * active datasource without a URL stops the service). Quarkus's own properties cannot test a value
 * for equality, hence this factory. Its source ranks below application.properties and the environment, so an explicit
 * {@code quarkus.datasource.active} still wins. Flyway follows the datasource: inactive with it.
 */
public final class StoreKindDefaults implements ConfigSourceFactory {

    static final String ACTIVE = "quarkus.datasource.active";
    /** Above Quarkus's recorded defaults (MIN_VALUE + 100), below application.properties (250) and the environment. */
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue kind = context.getValue("casebook.store.kind");
        boolean shared = kind != null && kind.getValue() != null && "shared".equalsIgnoreCase(kind.getValue().trim());
        return List.of(new PropertiesConfigSource(Map.of(ACTIVE, Boolean.toString(shared)),
                "casebook.store.kind defaults", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }
}
