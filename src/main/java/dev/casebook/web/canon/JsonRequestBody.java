package dev.casebook.web.canon;

import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemType;
import dev.casebook.web.error.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The size limit of the JSON endpoints ({@link JsonBodyLimit}), kept apart from the service-wide
 * body limit (which is raised for dump uploads): a declared Content-Length past it is refused before
 * the body is read (a filter on the matched method, which runs before the body is read); a body
 * without one (chunked) is read by {@link ChunkedJsonBody}, which refuses it the moment it passes the
 * limit, so that it is never buffered up to the upload limit before it can be measured.
 */
public class JsonRequestBody {

    private final long limit;

    public JsonRequestBody(CasebookConfig config) {
        this.limit = config.canonical().maxRequestSize().asLongValue();
    }

    @JsonBodyLimit
    @ServerRequestFilter
    public void refuseDeclaredOversize(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declaredLength(declared) > limit) {
            throw new RequestTooLargeException(limit);
        }
    }

    /** The header's value; anything but a plain count (which the HTTP decoder lets through only by mistake) counts as too large. */
    private static long declaredLength(String header) {
        if (header.isEmpty() || header.length() > 18) {
            return Long.MAX_VALUE;
        }
        long n = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MAX_VALUE;
            }
            n = 10 * n + (c - '0');
        }
        return n;
    }

    static void check(byte[] body, long limit) {
        if (body == null || body.length == 0) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                    "the request has no body; send a JSON object (see /q/openapi)"));
        }
        if (body.length > limit) {
            throw new RequestTooLargeException(limit);
        }
    }
}
