package dev.casebook.web.boundary;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.signing.BodyTooDeepException;
import dev.casebook.web.canon.RequestTooLargeException;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import dev.casebook.web.error.ProblemType;
import dev.casebook.web.jobs.BadUploadException;
import dev.casebook.web.jobs.DiskFullException;
import dev.casebook.web.jobs.QueueFullException;
import dev.casebook.web.jobs.StoreUnavailableException;
import dev.casebook.web.jobs.TooManyJobsException;
import dev.casebook.web.jobs.UnsupportedDumpException;
import dev.casebook.web.jobs.UploadTooLargeException;
import dev.casebook.web.routes.Routes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP: the core's and the jobs' domain exceptions, the
 * framework's, and the ready problems the resources throw. Every error answer is
 * {@code application/problem+json}, and none carries a stack trace, a body or a secret.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Routes routes;

    public ProblemMappers(Routes routes) {
        this.routes = routes;
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * A request refused before its body was read to the end (an upload, a JSON body past its limit): the
     * connection is closed after the answer, so that the client stops sending bytes that will be thrown away.
     */
    private static Response.ResponseBuilder refuseBodyUnread(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).header("Connection", "close");
    }

    /** A full queue: when to try again, in the header and in the problem. */
    private static Response tryLater(ProblemType type, String detail, int retryAfterSeconds) {
        return refuseBodyUnread(Problem.of(type, detail).withContext(Map.of("retryAfterSeconds", retryAfterSeconds)))
                .header("Retry-After", Integer.toString(retryAfterSeconds)).build();
    }

    @ServerExceptionMapper
    public Response queueFull(QueueFullException e) {
        return tryLater(ProblemType.QUEUE_FULL, e.getMessage(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response tooManyJobs(TooManyJobsException e) {
        return tryLater(ProblemType.TOO_MANY_JOBS, e.getMessage(), e.retryAfterSeconds());
    }

    /** The database or the bucket of the shared store failed: this replica logs why, the caller tries again. */
    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.warnf("The job store failed: %s", e.getMessage());
        return tryLater(ProblemType.STORE_UNAVAILABLE, "the " + e.part() + " that holds jobs did not answer; nothing"
                + " was stored, try again in a little while", StoreUnavailableException.RETRY_AFTER_SECONDS);
    }

    @ServerExceptionMapper
    public Response uploadTooLarge(UploadTooLargeException e) {
        return refuseBodyUnread(Problem.of(ProblemType.DUMP_TOO_LARGE, e.getMessage()).withContext(Map.of("limit", e.limit()))).build();
    }

    @ServerExceptionMapper
    public Response diskFull(DiskFullException e) {
        return refuseBodyUnread(Problem.of(ProblemType.INSUFFICIENT_STORAGE, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response requestTooLarge(RequestTooLargeException e) {
        return refuseBodyUnread(Problem.of(ProblemType.REQUEST_TOO_LARGE, e.getMessage())
                .withContext(Map.of("limit", e.limit()))).build();
    }

    @ServerExceptionMapper
    public Response badUpload(BadUploadException e) {
        return respond(Problem.of(ProblemType.BAD_UPLOAD, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unsupportedDump(UnsupportedDumpException e) {
        return respond(Problem.of(ProblemType.UNSUPPORTED_DUMP, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response languageFailure(LanguageFailure e) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("stage", e.stage().name().toLowerCase());
        if (e.offset() >= 0) {
            context.put("offset", e.offset());
        }
        String title = switch (e.stage()) {
            case PARSE -> "The profile's language cannot parse this body";
            case ENCODE -> "The profile's language cannot encode this body";
            case UNAVAILABLE -> "This profile cannot be reproduced here";
        };
        // The offset in the detail too: it is what a person reads first.
        String detail = e.offset() >= 0 && !e.getMessage().contains("(byte ") ? e.getMessage() + " (byte " + e.offset() + ")"
                : e.getMessage();
        return respond(Problem.of(ProblemType.LANGUAGE_REFUSES_BODY, title, detail).withContext(context));
    }

    @ServerExceptionMapper
    public Response tooDeep(BodyTooDeepException e) {
        return respond(Problem.of(ProblemType.NESTING_TOO_DEEP, e.getMessage())
                .withContext(Map.of("limit", e.limit(), "offset", e.offset())));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .toList();
        return respond(Problem.invalid(errors));
    }

    /** "canonical.arg0.credentials.authToken" for a method parameter becomes "credentials.authToken". */
    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        if (parts.length > 2 && v.getExecutableParameters() != null) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        return path;
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(Problem.of(ProblemType.NOT_FOUND, "There is nothing at this path; the API is described at /q/openapi."));
    }

    /**
     * The framework knows only that no method matched, and leaves {@code Allow} empty: the methods come
     * from the route the path belongs to.
     */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        Set<String> allowed = routes.match(uri.getPath()).map(Routes.Route::methods).orElse(Set.of());
        String listed = String.join(", ", new TreeSet<>(allowed));
        return Response.status(405).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(ProblemType.METHOD_NOT_ALLOWED, "This path does not take that method; it takes " + listed))
                .allow(allowed)
                .build();
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri) {
        String takes = uri.getPath().startsWith("/v1/jobs")
                ? "This endpoint takes a heap dump as application/octet-stream (curl --data-binary @app.hprof"
                        + " -H 'Content-Type: application/octet-stream') or as multipart/form-data with a file part"
                        + " \"dump\" (curl -F dump=@app.hprof)."
                : "This endpoint takes application/json (see /q/openapi).";
        return respond(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, takes));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return respond(Problem.of(ProblemType.NOT_ACCEPTABLE, "This endpoint answers application/json."));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf("Request failed with %d: %s", status, e.getClass().getName());
        }
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        return respond(Problem.ofStatus(status, title));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (clientWentAway(e)) {
            // A stopped upload or a closed tab: nobody is left to answer, and nothing failed here.
            LOG.debugf("The client closed the connection before its request was read (%s)", e.getClass().getName());
            return respond(Problem.of(ProblemType.REQUEST_INCOMPLETE,
                    "the connection closed before the whole request arrived; nothing was stored"));
        }
        // The class and message of our own failure, never the request: bodies and tokens stay out of logs.
        LOG.errorf(e, "Unexpected failure (%s)", e.getClass().getName());
        return respond(Problem.of(ProblemType.INTERNAL_ERROR,
                "Casebook failed to answer this request; the failure is in its log. Nothing you sent was stored."));
    }
}
