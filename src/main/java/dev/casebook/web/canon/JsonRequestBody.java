package dev.casebook.web.canon;

import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemType;
import dev.casebook.web.error.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The size limit of the JSON endpoints ({@link JsonBodyLimit}), kept apart from the service-wide
 * body limit (which is raised for dump uploads): a declared Content-Length past it is refused before
 * the body is read (a filter on the matched method, which runs before the body is read), and a body
 * without a Content-Length (chunked) is refused with 411, since it would otherwise be buffered up to
 * the upload limit before it could be measured.
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
        if (declared == null) {
            throw new ProblemException(Problem.of(ProblemType.LENGTH_REQUIRED,
                    "send the JSON body with a Content-Length header (curl --data does); chunked bodies are not"
                            + " accepted on this endpoint"));
        }
        if (declaredLength(declared) > limit) {
            throw tooLarge(limit);
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
            throw tooLarge(limit);
        }
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.of(ProblemType.REQUEST_TOO_LARGE,
                "requests to this endpoint may be at most " + limit + " bytes (casebook.canonical.max-request-size)")
                .withContext(Map.of("limit", limit)));
    }
}
