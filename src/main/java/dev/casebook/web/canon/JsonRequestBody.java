package dev.casebook.web.canon;

import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The size limit of the JSON endpoints: a declared Content-Length past it is refused before the
 * body is read (a pre-matching filter), and a body without one is measured once read.
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
