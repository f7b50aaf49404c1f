package dev.casebook.web.canon;

import dev.casebook.core.canon.diagnose.Diagnoser;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.signing.Canonicalizer;
import dev.casebook.web.config.CasebookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Exposes the pure-Java canonicalisation core to CDI. */
@ApplicationScoped
public class CanonBeans {

    @Produces
    @ApplicationScoped
    ProfileCatalog catalog() {
        return new ProfileCatalog();
    }

    @Produces
    @ApplicationScoped
    Canonicalizer canonicalizer(CasebookConfig config) {
        return new Canonicalizer(config.canonical().maxDepth());
    }

    @Produces
    @ApplicationScoped
    Diagnoser diagnoser(ProfileCatalog catalog, Canonicalizer canonicalizer) {
        return new Diagnoser(catalog, canonicalizer);
    }
}
