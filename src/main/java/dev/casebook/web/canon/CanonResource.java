package dev.casebook.web.canon;

import dev.casebook.core.canon.diagnose.Diagnoser;
import dev.casebook.core.canon.diagnose.Diagnosis;
import dev.casebook.core.canon.diagnose.DiagnosisRequest;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.signing.BodyTooDeepException;
import dev.casebook.core.canon.signing.CanonicalResult;
import dev.casebook.core.canon.signing.Canonicalizer;
import dev.casebook.web.config.CasebookConfig;
import dev.casebook.web.error.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The trailing-space case over HTTP: profiles, canonical strings and tokens, diagnoses. */
@Path("/v1")
@Tag(name = "Canonical strings", description = "What each language's encoder writes, and why a signature does not match")
public class CanonResource {

    static final String CANONICAL_EXAMPLE = """
            {"profile": "python-json",
             "credentials": {"customerId": "1234", "authToken": "tok-abc"},
             "body": {"url": "http://example.com/a", "n": 1.0},
             "query": [["b", "2"], ["a", "1"]],
             "scheme": {"template": "{customerId}{authToken}{body}{query}", "algorithm": "sha256", "encoding": "hex"}}""";
    static final String DIAGNOSIS_EXAMPLE = """
            {"credentials": {"customerId": "1234", "authToken": "tok-abc"},
             "sentBody": "{\\"url\\":\\"http://example.com/a\\"}",
             "sentToken": "1427cf001b21aceaa04233d390ddb57745f1c212ed95b51d369b9e0fde2229e5",
             "query": [["a", "1"]],
             "expectedProfile": "python-json",
             "scheme": {"algorithm": "sha256"}}""";

    private final ProfilesView profiles;
    private final RequestBinder binder;
    private final Canonicalizer canonicalizer;
    private final Diagnoser diagnoser;
    private final CanonMetrics counters;
    /** Read once: a {@code MemorySize} computes its value through BigInteger on every call. */
    private final long maxRequestSize;
    private final int maxDepth;

    public CanonResource(ProfilesView profiles, RequestBinder binder, Canonicalizer canonicalizer, Diagnoser diagnoser,
                         CasebookConfig config, CanonMetrics counters) {
        this.profiles = profiles;
        this.binder = binder;
        this.canonicalizer = canonicalizer;
        this.diagnoser = diagnoser;
        this.counters = counters;
        this.maxRequestSize = config.canonical().maxRequestSize().asLongValue();
        this.maxDepth = config.canonical().maxDepth();
    }

    @GET
    @Path("/profiles")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The encoder profiles, query encoders, algorithms and encodings",
            description = "Each profile reproduces one real encoder byte for byte; its example shows what it writes for one body.")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfilesResponse.class)))
    @APIResponse(responseCode = "406", description = "Only JSON is offered", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public ProfilesResponse profiles() {
        return profiles.response();
    }

    @POST
    @Path("/canonical")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The canonical string and token a client encoding with a profile would sign")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CanonicalRequest.class),
            examples = @ExampleObject(name = "python-json", summary = "A Python client with requests' json=", value = CANONICAL_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The encoded body, query, canonical string and token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CanonicalResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a wrong type, a blank credential, an unknown profile "
            + "(the valid ids are listed), or nesting deeper than the service allows",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The request is larger than casebook.canonical.max-request-size"
            + " (a chunked body is refused as soon as it passes it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The profile's language would refuse this body. A value it cannot hold is"
            + " told in the language's own words; a syntax error in Casebook's, the same for every language; the byte offset"
            + " where parsing stopped is in the detail and in context.offset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @NonBlocking // short, CPU-bound and bounded by the request limit: no hop to a worker thread
    @JsonBodyLimit
    public byte[] canonical(byte[] json) throws LanguageFailure, BodyTooDeepException {
        JsonRequestBody.check(json, maxRequestSize);
        RequestBinder.Canonical c = binder.canonical(json, maxDepth);
        CanonicalResult result = canonicalizer.canonicalize(c.profile(), c.credentials(), c.body(), c.portableBody(), c.query(),
                c.queryEncoding(), c.scheme());
        counters.canonical(c.profile()).increment();
        return CanonicalResponseWriter.write(result); // a CanonicalResponse, written from the result's bytes
    }

    @POST
    @Path("/diagnoses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which encoder wrote the sent body, which profile its token matches, and where the server's canonical string parts")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DiagnosisRequestDto.class),
            examples = @ExampleObject(name = "the trailing space", summary = "A browser's body against a Python server",
                    value = DIAGNOSIS_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The fingerprint, token matches, divergence and verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DiagnosisResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a wrong type, a missing sentBody, a blank credential or an unknown profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The request is larger than casebook.canonical.max-request-size"
            + " (a chunked body is refused as soon as it passes it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Blocking // re-encodes the body once per profile
    @JsonBodyLimit
    public DiagnosisResponse diagnose(byte[] json) throws BodyTooDeepException {
        JsonRequestBody.check(json, maxRequestSize);
        DiagnosisRequest request = binder.diagnosis(json, maxDepth);
        Diagnosis diagnosis = diagnoser.diagnose(request);
        counters.diagnosis(diagnosis).increment();
        return DiagnosisResponse.of(diagnosis, request.expectedProfile() == null ? null : request.expectedProfile().id());
    }
}
