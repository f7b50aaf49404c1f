package dev.casebook.web.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.jobs.shared.ObjectStorage;
import dev.casebook.web.jobs.shared.PostgresJobQueue;
import dev.casebook.web.jobs.shared.ReplicaMetrics;
import dev.casebook.web.jobs.shared.SharedJobRunner;
import dev.casebook.web.jobs.shared.SharedJobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Wires the job store, intake and runner for {@code casebook.store.kind}: the data directory and this
 * process's workers ({@code local}), or the shared database queue, the bucket and a claiming runner
 * ({@code shared}); and starts and stops the runner with the service.
 */
@ApplicationScoped
public class JobBeans {

    private static final Logger LOG = Logger.getLogger(JobBeans.class);

    private static boolean shared(CasebookConfig config) {
        return config.store().kind() == CasebookConfig.Store.Kind.SHARED;
    }

    @Produces
    @Singleton
    JobStore store(CasebookConfig config, ObjectMapper mapper, Instance<PostgresJobQueue> queue,
            Instance<ObjectStorage> storage) throws IOException {
        return shared(config) ? new SharedJobStore(queue.get(), storage.get()) : new FileJobStore(config.dataDir(), mapper);
    }

    /** The shared queue (only asked for, and only able to start, with {@code casebook.store.kind=shared}). */
    @Produces
    @Singleton
    PostgresJobQueue queue(Instance<DataSource> db, ObjectMapper mapper, CasebookConfig config) {
        CasebookConfig.Jobs jobs = config.jobs();
        return new PostgresJobQueue(db.get(), mapper, new PostgresJobQueue.Limits(jobs.queueSize(),
                jobs.maxActivePerOwner(), jobs.retryAfterSeconds(), jobs.maxAttempts()));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    DumpIntake intake(JobStore store, CasebookConfig config) {
        CasebookConfig.Jobs jobs = config.jobs();
        return new DumpIntake(store, new DumpIntake.Limits(jobs.maxUploadSize().asLongValue(),
                jobs.maxInflatedSize().asLongValue(), jobs.minFreeDisk().asLongValue()));
    }

    @Produces
    @Singleton
    JobMetrics metrics(MeterRegistry registry, JobStore store) {
        return new JobMetrics(registry, store);
    }

    @Produces
    @Singleton
    JobRunner runner(JobStore store, ObjectMapper mapper, CasebookConfig config, Clock clock, JobMetrics metrics,
            Instance<PostgresJobQueue> queue, Instance<ObjectStorage> storage, MeterRegistry registry) {
        JobRunner.Settings settings = JobRunner.Settings.of(config.jobs());
        if (!shared(config)) {
            return new LocalJobRunner((FileJobStore) store, mapper, settings, clock, metrics);
        }
        SharedJobRunner.Lease lease = new SharedJobRunner.Lease(config.store().lease(), config.store().heartbeat());
        return new SharedJobRunner(queue.get(), storage.get(), mapper, settings, lease, replicaName(), metrics,
                new ReplicaMetrics(registry));
    }

    /** The pod's name when Kubernetes gives one (HOSTNAME), made unique per start: a restarted pod is a new claimant. */
    private static String replicaName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "replica");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The retention purge: once at start-up, then every ten minutes. */
    private final ScheduledExecutorService purge = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "casebook-purge");
        t.setDaemon(true);
        return t;
    });

    void start(@Observes StartupEvent event, JobRunner runner, CasebookConfig config, Instance<ObjectStorage> storage)
            throws IOException {
        if (shared(config)) {
            // Parts and dump copies a killed run of this replica left in its scratch directory, and multipart
            // bodies the HTTP layer was receiving, belong to nothing now (the local store clears its own uploads).
            int leftovers = storage.get().deleteLeftoverScratch() + deleteChildren(config.dataDir().resolve("uploads"));
            if (leftovers > 0) {
                LOG.infof("Removed %d scratch files left by an earlier run", leftovers);
            }
        }
        // Ahead of the jobs left queued, on the same workers: they then run compiled code too.
        // Its synthetic dump lives apart from uploads, which hold only what users sent; a service killed
        // mid-warm-up leaves one behind, removed here.
        Path warmUp = Files.createDirectories(config.dataDir().resolve("warm-up"));
        deleteChildren(warmUp);
        runner.warmUp(warmUp, config.jobs().warmUpRounds());
        runner.resume();
        purge.scheduleWithFixedDelay(() -> {
            try {
                runner.purgeExpired();
            } catch (RuntimeException e) {
                LOG.warnf("The retention purge failed (%s); it runs again in ten minutes", e.getMessage());
            }
        }, 0, 10, TimeUnit.MINUTES);
    }

    /** Deletes the files directly in {@code dir} (none when it does not exist); returns how many. */
    private static int deleteChildren(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    void stop(@Observes ShutdownEvent event, JobRunner runner) {
        purge.shutdownNow();
        runner.close();
    }
}
