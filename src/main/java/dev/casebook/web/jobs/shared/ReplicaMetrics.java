package dev.casebook.web.jobs.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * This replica's share of the shared queue on /q/metrics: jobs it claimed, jobs it took over from a
 * replica that stopped, and leases it lost (a pause or a network split longer than the lease). Each
 * replica counts its own; the scraper's instance label tells them apart.
 */
public final class ReplicaMetrics implements ReplicaEvents {

    private final Counter claims;
    private final Counter takeovers;
    private final Counter leaseLosses;

    public ReplicaMetrics(MeterRegistry registry) {
        claims = Counter.builder("casebook.replica.claims").description("Jobs this replica claimed from the shared queue")
                .register(registry);
        takeovers = Counter.builder("casebook.replica.takeovers")
                .description("Claimed jobs whose earlier start ended with its replica gone (its lease lapsed)").register(registry);
        leaseLosses = Counter.builder("casebook.replica.lease.losses")
                .description("Jobs this replica stopped because its lease was no longer its own").register(registry);
    }

    @Override
    public void claimed(boolean takeover) {
        claims.increment();
        if (takeover) {
            takeovers.increment();
        }
    }

    @Override
    public void leaseLost() {
        leaseLosses.increment();
    }
}
