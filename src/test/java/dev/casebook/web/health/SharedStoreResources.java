package dev.casebook.web.health;

import dev.casebook.testing.OutageProxy;
import dev.casebook.testing.PostgresServer;
import dev.casebook.testing.S3ProxyServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared store's real parts for a {@code @QuarkusTest}: a database of its own on the test PostgreSQL,
 * reached through an {@link OutageProxy} (so a test can make it unreachable), and an s3proxy with the
 * bucket {@link #BUCKET}. Hands the service {@code casebook.store.kind=shared} and where they are (the bucket
 * named by the init argument {@code bucket}, {@link #BUCKET} without it), and the test the proxy's switch
 * (an {@link AtomicBoolean} field). Missing PostgreSQL or s3proxy go through
 * {@link dev.casebook.testing.Prerequisites#missing}, as the harnesses do.
 */
public final class SharedStoreResources implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "casebook-ready";

    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private String bucket = BUCKET;
    private S3ProxyServer s3;
    private OutageProxy database;

    @Override
    public void init(Map<String, String> initArgs) {
        bucket = initArgs.getOrDefault("bucket", BUCKET);
    }

    @Override
    public Map<String, String> start() {
        try {
            PGSimpleDataSource db = (PGSimpleDataSource) PostgresServer.shared().newDatabase();
            database = new OutageProxy(PostgresServer.shared().port(), databaseDown);
            s3 = S3ProxyServer.start();
            s3.createBucket(BUCKET);
            return Map.ofEntries(
                    Map.entry("casebook.store.kind", "shared"),
                    Map.entry("quarkus.datasource.jdbc.url",
                            "jdbc:postgresql://127.0.0.1:" + database.port() + "/" + db.getDatabaseName()),
                    Map.entry("quarkus.datasource.username", db.getUser()),
                    Map.entry("quarkus.datasource.password", ""),
                    Map.entry("casebook.store.s3.endpoint", s3.endpoint().toString()),
                    Map.entry("casebook.store.s3.bucket", bucket),
                    Map.entry("casebook.store.s3.region", S3ProxyServer.REGION),
                    Map.entry("casebook.store.s3.access-key", S3ProxyServer.ACCESS_KEY),
                    Map.entry("casebook.store.s3.secret-key", S3ProxyServer.SECRET_KEY),
                    Map.entry("casebook.store.s3.path-style", "true"),
                    Map.entry("casebook.data-dir", "target/casebook-test-data-shared"),
                    Map.entry("casebook.store.scratch-dir", "target/casebook-test-data-shared/scratch"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(databaseDown, new TestInjector.MatchesType(AtomicBoolean.class));
    }

    @Override
    public void stop() {
        try {
            if (database != null) {
                database.close();
            }
            if (s3 != null) {
                s3.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
