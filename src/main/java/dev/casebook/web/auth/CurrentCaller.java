package dev.casebook.web.auth;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** The caller of the request being served, as {@link AuthFilter} found it. */
@ApplicationScoped
public class CurrentCaller {

    private final CurrentVertxRequest request;

    public CurrentCaller(CurrentVertxRequest request) {
        this.request = request;
    }

    public Caller get() {
        Caller caller = request.getCurrent() == null ? null : request.getCurrent().get(AuthFilter.CALLER);
        if (caller == null) {
            // Only a protected path asks, and the filter has set it there: never fall back to an owner.
            throw new IllegalStateException("no authenticated caller on a protected path");
        }
        return caller;
    }
}
