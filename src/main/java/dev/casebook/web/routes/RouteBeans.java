package dev.casebook.web.routes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import java.util.List;

/**
 * Reads the routes from the resource beans, and labels every request's metrics with its route
 * template before anything can answer it. Quarkus labels a request that reached a resource method with
 * the method's template, but one answered before that (a 405, a 401 from the key check, a 429 after
 * failed keys) with its raw path: one time series per job id a scanner tries. Labelled here first, such
 * a request counts under its route; a /v1 path that is no route counts under {@value #UNMATCHED}.
 */
@ApplicationScoped
public class RouteBeans {

    /** The Vert.x context local Quarkus' HTTP server metrics read the route template from. */
    static final String TEMPLATE_KEY = "UrlPathTemplate";
    static final String UNMATCHED = "/v1/{unmatched}";
    /** Ahead of the key check (1000), which may answer a request itself. */
    private static final int PRIORITY = 2000;

    @Produces
    @Singleton
    Routes routes(BeanManager beans) {
        List<Class<?>> resources = new java.util.ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (type.isAnnotationPresent(Path.class) && !resources.contains(type)) {
                resources.add(type);
            }
        }
        return Routes.of(resources);
    }

    void register(@Observes Filters filters, Routes routes) {
        filters.register(rc -> {
            label(rc, routes);
            rc.next();
        }, PRIORITY);
    }

    private static void label(RoutingContext rc, Routes routes) {
        String path = rc.normalizedPath();
        String template = routes.match(path).map(Routes.Route::template)
                .orElse(path.startsWith("/v1/") ? UNMATCHED : null);
        Context context = Vertx.currentContext();
        if (template != null && context != null) {
            context.putLocal(TEMPLATE_KEY, template);
        }
    }
}
