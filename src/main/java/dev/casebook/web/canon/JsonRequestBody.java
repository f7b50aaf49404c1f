package dev.casebook.web.canon;

import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The size limit of the JSON endpoints, kept apart from the service-wide body limit (which is raised
 * for dump uploads): a declared Content-Length past it is refused before the body is read (a
 * pre-matching filter), and a body without a Content-Length (chunked) is refused with 411, since it
 * would otherwise be buffered up to the upload limit before it could be measured.
 */
public class JsonRequestBody {

    private static final Set<String> LIMITED_PATHS = Set.of("/v1/canonical", "/v1/diagnoses");

    private final CasebookConfig config;

    public JsonRequestBody(CasebookConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void refuseDeclaredOversize(ContainerRequestContext request) {
        if (LIMITED_PATHS.contains(request.getUriInfo().getPath())) {
            long limit = config.canonical().maxRequestSize().asLongValue();
            if (request.getLength() > limit) {
                throw tooLarge(limit);
            }
            if ("POST".equals(request.getMethod()) && request.getHeaderString("Content-Length") == null) {
                throw new ProblemException(Problem.of(411, "length-required", "Content-Length required",
                        "send the JSON body with a Content-Length header (curl --data does); chunked bodies are not"
                                + " accepted on this endpoint"));
            }
        }
    }

    static void check(byte[] body, long limit) {
        if (body == null || body.length == 0) {
            throw new ProblemException(Problem.of(400, "invalid-request", "The request is not valid",
                    "the request has no body; send a JSON object (see /q/openapi)"));
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.of(413, "request-too-large", "The request is too large",
                "requests to this endpoint may be at most " + limit + " bytes (casebook.canonical.max-request-size)")
                .withContext(Map.of("limit", limit)));
    }
}
