package dev.casebook.web.jobs.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.web.config.StoreConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The casebook.store.* keys, read as the service reads them, into the settings of the object storage. */
class S3SettingsTest {

    @Test
    void everyKeyReachesTheSettings() {
        StoreConfig config = config(Map.of(
                "casebook.store.s3.endpoint", "http://minio:9000",
                "casebook.store.s3.bucket", "dumps",
                "casebook.store.s3.region", "eu-west-1",
                "casebook.store.s3.access-key", "AKIA-TEST",
                "casebook.store.s3.secret-key", "s3cr3t",
                "casebook.store.s3.path-style", "true"));

        S3Settings settings = S3Settings.from(config.s3());

        assertEquals(new S3Settings(Optional.of(URI.create("http://minio:9000")), "dumps", "eu-west-1",
                Optional.of("AKIA-TEST"), Optional.of("s3cr3t"), true), settings);
        assertFalse(settings.toString().contains("s3cr3t"), settings.toString());
    }

    @Test
    void awsNeedsOnlyABucket() {
        S3Settings settings = S3Settings.from(config(Map.of("casebook.store.s3.bucket", "dumps")).s3());

        assertEquals(new S3Settings(Optional.empty(), "dumps", "us-east-1", Optional.empty(), Optional.empty(), false),
                settings);
        assertEquals("AWS S3 in us-east-1", settings.where());
    }

    @Test
    void theLocalModeNeedsNoneOfTheKeysButTheSharedStoreNamesTheOneItMisses() {
        StoreConfig config = config(Map.of());

        IllegalArgumentException noBucket = assertThrows(IllegalArgumentException.class, () -> S3Settings.from(config.s3()));

        assertTrue(noBucket.getMessage().contains("casebook.store.s3.bucket"), noBucket.getMessage());
    }

    @Test
    void anAccessKeyWithoutItsSecretIsRefused() {
        StoreConfig config = config(Map.of("casebook.store.s3.bucket", "dumps", "casebook.store.s3.access-key", "AKIA-TEST"));

        IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> S3Settings.from(config.s3()));

        assertTrue(half.getMessage().contains("casebook.store.s3.secret-key"), half.getMessage());
    }

    private static StoreConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(StoreConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(StoreConfig.class);
    }
}
