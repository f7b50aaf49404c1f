package dev.casebook.web.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.web.config.CasebookConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Wires the job store, intake and runner, and starts and stops the runner with the service. */
@ApplicationScoped
public class JobBeans {

    private static final Logger LOG = Logger.getLogger(JobBeans.class);

    @Produces
    @Singleton
    JobStore store(CasebookConfig config, ObjectMapper mapper) throws IOException {
        return new FileJobStore(config.dataDir(), mapper);
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
    JobRunner runner(JobStore store, ObjectMapper mapper, CasebookConfig config, Clock clock, JobMetrics metrics) {
        return new JobRunner(store, mapper, JobRunner.Settings.of(config.jobs()), clock, metrics);
    }

    /** The retention purge: once at start-up, then every ten minutes. */
    private final ScheduledExecutorService purge = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "casebook-purge");
        t.setDaemon(true);
        return t;
    });

    void start(@Observes StartupEvent event, JobRunner runner, CasebookConfig config) throws IOException {
        // Ahead of the jobs left queued, on the same workers: they then run compiled code too.
        // Its synthetic dump lives apart from uploads, which hold only what users sent; a service killed
        // mid-warm-up leaves one behind, removed here.
        Path warmUp = java.nio.file.Files.createDirectories(config.dataDir().resolve("warm-up"));
        try (var leftovers = java.nio.file.Files.list(warmUp)) {
            for (Path file : leftovers.toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
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

    void stop(@Observes ShutdownEvent event, JobRunner runner) {
        purge.shutdownNow();
        runner.close();
    }
}
