package dev.casebook.web.jobs;

import dev.casebook.web.auth.CurrentCaller;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Everything an upload can be refused for from its request line and headers alone, decided after its
 * method is matched and before a byte of its body is read (a filter on the matched method runs before
 * the body is read): a bad, unknown or repeated query parameter (400), query parameters on a multipart
 * upload, whose targets are form fields (400), a declared length past the limit (413) or past the free
 * disk (507), a full queue or an owner with enough jobs under way (429). The endpoint checks them again
 * as it stores the upload (the queue may have filled meanwhile); form fields are in the body and are
 * checked there.
 */
public class UploadRefusals {

    private final JobRunner runner;
    private final DumpIntake intake;
    private final CurrentCaller caller;

    public UploadRefusals(JobRunner runner, DumpIntake intake, CurrentCaller caller) {
        this.runner = runner;
        this.intake = intake;
        this.caller = caller;
    }

    @DumpUpload
    @ServerRequestFilter
    public void refuseBeforeTheBody(ContainerRequestContext request) throws IOException {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        if (request.getMediaType() != null && request.getMediaType().isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            if (!query.isEmpty()) {
                throw new ProblemException(Problem.invalid(query.keySet().stream()
                        .map(name -> new Problem.FieldError(name, "a multipart upload takes its targets and options as"
                                + " form fields (curl -F " + name + "=...), not in the query string"))
                        .toList()));
            }
        } else {
            JobQueryParser.parse(JobQueryParser.queryParameters(request.getUriInfo().getRequestUri().getRawQuery()),
                    "query parameter");
        }
        intake.checkDeclaredLength(JobsResource.declaredLength(request.getHeaderString("Content-Length")));
        runner.checkRoom(caller.get().owner());
    }
}
