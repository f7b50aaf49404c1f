package dev.casebook.web.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The jobs on /q/metrics: how many wait for a worker and how many run (read from the store at each
 * scrape, so they agree with GET /v1/jobs), how many finished by state and format, how long analyses
 * took and how many dump bytes they read. Tags are bounded: states and formats are closed sets.
 */
public final class JobMetrics implements JobEvents {

    private final MeterRegistry registry;

    public JobMetrics(MeterRegistry registry, JobStore store) {
        this.registry = registry;
        Gauge.builder("casebook.jobs.queued", store, s -> count(s, JobState.QUEUED))
                .description("Jobs waiting for a worker (the queue's depth)").register(registry);
        Gauge.builder("casebook.jobs.running", store, s -> count(s, JobState.RUNNING))
                .description("Jobs being analysed now").register(registry);
    }

    private static double count(JobStore store, JobState state) {
        return store.count(state);
    }

    @Override
    public void finished(JobRecord job, JobState state, Duration analysis) {
        Counter.builder("casebook.jobs.finished").description("Jobs that reached a final state")
                .tag("state", state.apiName()).tag("format", job.format()).register(registry).increment();
        if (analysis != null) {
            Timer.builder("casebook.jobs.analysis").description("How long analyses ran, from start to their end")
                    .tag("state", state.apiName()).tag("format", job.format()).register(registry).record(analysis);
            Counter.builder("casebook.jobs.analysed").baseUnit("bytes").description("Dump bytes analysed (inflated)")
                    .tag("format", job.format()).register(registry).increment(job.dumpBytes());
        }
    }
}
