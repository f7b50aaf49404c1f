package dev.casebook.web.canon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemType;
import dev.casebook.web.routes.Routes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON endpoint's body sent without Content-Length (chunked) before the REST layer does, counting
 * as it goes: past casebook.canonical.max-request-size it answers 413 at once and closes the connection;
 * within it, it hands the REST layer the whole body, as a body handler would. The REST layer alone would
 * buffer a chunked body up to the service-wide limit, which dump uploads raise to gigabytes, before the
 * endpoint could measure it. A body with a Content-Length is left to {@link JsonRequestBody}.
 */
public final class ChunkedJsonBody {

    /** The routes whose body is JSON held to the limit (those of the {@link JsonBodyLimit} endpoints). */
    static final Set<String> TEMPLATES = Set.of("/v1/canonical", "/v1/diagnoses");

    private final Routes routes;
    private final long limit;
    private final ObjectMapper mapper;

    public ChunkedJsonBody(Routes routes, long limit, ObjectMapper mapper) {
        this.routes = routes;
        this.limit = limit;
        this.mapper = mapper;
    }

    public void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.method() != HttpMethod.POST || request.getHeader("Content-Length") != null
                || !"chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"))
                || routes.match(rc.normalizedPath()).filter(r -> TEMPLATES.contains(r.template())).isEmpty()) {
            rc.next();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                refuse(rc);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                rc.setBody(body);
                rc.next();
            }
        });
        request.resume();
    }

    private void refuse(RoutingContext rc) {
        Problem problem = Problem.of(ProblemType.REQUEST_TOO_LARGE, new RequestTooLargeException(limit).getMessage())
                .withContext(Map.of("limit", limit));
        String json;
        try {
            json = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            json = "{\"status\":413}";
        }
        // The rest of the body would be thrown away: answer now and hang up.
        rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close").end(json);
    }
}
