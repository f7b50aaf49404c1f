package dev.casebook.web.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.web.config.CasebookConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Wires API-key authentication into the HTTP layer, and refuses to start exposed without keys. */
@ApplicationScoped
public class AuthBeans {

    private static final Logger LOG = Logger.getLogger(AuthBeans.class);
    /** Before Quarkus REST and its body handling; after nothing that reads a body. */
    private static final int PRIORITY = 1000;

    @Produces
    @Singleton
    Optional<KeysFile> keysFile(CasebookConfig config) {
        return config.auth().keysFile().map(p -> KeysFile.open(p, System::nanoTime));
    }

    @Produces
    @Singleton
    AuthFilter filter(Optional<KeysFile> keys, CasebookConfig config, ObjectMapper mapper) {
        return new AuthFilter(keys, new FailedAuthLimiter(config.auth().maxFailuresPerMinute(), System::nanoTime), mapper);
    }

    void register(@Observes Filters filters, AuthFilter filter) {
        filters.register(filter::handle, PRIORITY);
    }

    void check(@Observes StartupEvent event, CasebookConfig config, Optional<KeysFile> keys) {
        ExposureGuard.check(config.http().host(), keys.isPresent());
        keys.ifPresentOrElse(
                k -> LOG.infof("API keys required on /v1 (%d in %s)", k.current().size(), k.path()),
                () -> LOG.infof("No API keys configured: open to every caller on %s only", config.http().host()));
    }
}
