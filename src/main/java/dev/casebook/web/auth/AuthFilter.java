package dev.casebook.web.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every /v1 request before its body is read, so an upload without a valid key is
 * refused at once rather than after gigabytes. Reference data (info, profiles, the pyheap writer),
 * the dashboard's files and /q/* stay open. Without keys every caller is {@link Caller#LOCAL}.
 */
public final class AuthFilter {

    /** Where the filter leaves the caller for the resources. */
    public static final String CALLER = "casebook.caller";
    private static final Set<String> PUBLIC = Set.of("/v1/info", "/v1/profiles", "/v1/tools/pyheap.py");

    private final Optional<KeysFile> keys;
    private final FailedAuthLimiter limiter;
    private final ObjectMapper mapper;

    public AuthFilter(Optional<KeysFile> keys, FailedAuthLimiter limiter, ObjectMapper mapper) {
        this.keys = keys;
        this.limiter = limiter;
        this.mapper = mapper;
    }

    /** Whether a path is answered without a key: reference data, the dashboard's files, /q/*. */
    public static boolean isPublic(String path) {
        return !path.startsWith("/v1/") || PUBLIC.contains(path);
    }

    public void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (keys.isEmpty()) {
            rc.put(CALLER, Caller.LOCAL);
            rc.next();
            return;
        }
        if (isPublic(path)) {
            rc.next();
            return;
        }
        HttpServerRequest request = rc.request();
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        long wait = limiter.retryAfterSeconds(address);
        if (wait > 0) {
            refuse(rc, Problem.of(ProblemType.TOO_MANY_FAILED_AUTHENTICATIONS,
                    "this address sent too many invalid API keys in the last minute; try again in " + wait + " seconds"),
                    "Retry-After", Long.toString(wait));
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            refuse(rc, Problem.of(ProblemType.AUTHENTICATION_REQUIRED,
                    "send your API key as the header Authorization: Bearer cbk_..."),
                    "WWW-Authenticate", "Bearer realm=\"casebook\"");
            return;
        }
        String presented = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<Caller> caller = keys.get().current().verify(presented);
        if (caller.isEmpty()) {
            limiter.recordFailure(address);
            refuse(rc, Problem.of(ProblemType.INVALID_API_KEY,
                    presented == null ? "the Authorization header must be: Bearer <your API key>"
                            : "no configured key matches this one (it may have been revoked)"),
                    "WWW-Authenticate", "Bearer realm=\"casebook\", error=\"invalid_token\"");
            return;
        }
        rc.put(CALLER, caller.get());
        rc.next();
    }

    private void refuse(RoutingContext rc, Problem problem, String header, String value) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
        }
        var response = rc.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(header, value);
        String length = rc.request().getHeader("Content-Length");
        boolean hasBody = (length != null && !length.equals("0"))
                || "chunked".equalsIgnoreCase(rc.request().getHeader("Transfer-Encoding"));
        if (hasBody) {
            // Nobody should wait for an upload that will be thrown away: answer now and hang up.
            response.putHeader("Connection", "close");
        }
        response.end(body);
    }
}
