package dev.casebook.web.canon;

import dev.casebook.core.canon.diagnose.Diagnoser;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.signing.Canonicalizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.routes.Routes;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Exposes the pure-Java canonicalisation core to CDI, as singletons: the core is immutable and
 * thread-safe, and a normal scope would put a client proxy's lookup in front of every call.
 */
@ApplicationScoped
public class CanonBeans {

    @Produces
    @Singleton
    ProfileCatalog catalog() {
        return new ProfileCatalog();
    }

    @Produces
    @Singleton
    Canonicalizer canonicalizer(CasebookConfig config) {
        return new Canonicalizer(config.canonical().maxDepth());
    }

    @Produces
    @Singleton
    Diagnoser diagnoser(ProfileCatalog catalog, Canonicalizer canonicalizer) {
        return new Diagnoser(catalog, canonicalizer);
    }

    /** After the key check (1000): an unauthenticated body is never read. */
    void readChunkedBodies(@Observes Filters filters, Routes routes, CasebookConfig config, ObjectMapper mapper) {
        ChunkedJsonBody reader = new ChunkedJsonBody(routes, config.canonical().maxRequestSize().asLongValue(), mapper);
        filters.register(reader::handle, 900);
    }
}
