package dev.casebook.web.canon;

import dev.casebook.core.canon.diagnose.Cause;
import dev.casebook.core.canon.diagnose.Diagnosis;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Counters for /q/metrics: canonical strings per profile and diagnoses per cause, registered once
 * so that a request only increments (no registry lookup on the hot path).
 */
@Singleton // no client proxy: it is called on every request
public class CanonMetrics {

    private final Map<String, Counter> canonicalByProfile = new HashMap<>();
    private final Map<Cause, Counter> diagnosesByCause = new EnumMap<>(Cause.class);
    private final Counter diagnosesWithoutDivergence;

    public CanonMetrics(MeterRegistry registry, ProfileCatalog catalog) {
        for (EncoderProfile p : catalog.all()) {
            canonicalByProfile.put(p.id(), Counter.builder("casebook.canonical.requests").description("Canonical strings computed")
                    .tag("profile", p.id()).register(registry));
        }
        for (Cause c : Cause.values()) {
            diagnosesByCause.put(c, Counter.builder("casebook.diagnoses").description("Diagnoses made, by the cause of the first divergence")
                    .tag("cause", c.id()).register(registry));
        }
        diagnosesWithoutDivergence = Counter.builder("casebook.diagnoses").description("Diagnoses made, by the cause of the first divergence")
                .tag("cause", "none").register(registry);
    }

    Counter canonical(EncoderProfile profile) {
        return canonicalByProfile.get(profile.id());
    }

    Counter diagnosis(Diagnosis d) {
        return d.divergence() == null ? diagnosesWithoutDivergence : diagnosesByCause.get(d.divergence().cause());
    }
}
