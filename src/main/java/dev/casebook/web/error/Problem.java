package dev.casebook.web.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document: what every error response carries, as
 * {@code application/problem+json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An RFC 9457 problem: every 4xx and 5xx response has this shape.")
public record Problem(
        @Schema(description = "A URI naming the kind of problem", example = "https://casebook.dev/problems/invalid-request") String type,
        @Schema(description = "A short, stable summary of the kind of problem", example = "The request is not valid") String title,
        @Schema(description = "The HTTP status", example = "400") int status,
        @Schema(description = "What exactly is wrong, and where", example = "credentials.authToken: must not be blank") String detail,
        @Schema(description = "For validation problems: one entry per field") List<FieldError> errors,
        @Schema(description = "Further facts specific to this kind of problem (for example the profile, stage and byte offset)")
        Map<String, Object> context) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail) {
        return of(type, type.title(), detail);
    }

    /** A problem whose title says more than its type's (the stage at which a language refused a body, say). */
    public static Problem of(ProblemType type, String title, String detail) {
        return new Problem(type.uri(), title, type.status(), detail, null, null);
    }

    /** A status that has no type of its own here (one the framework decided): typed by the status alone. */
    public static Problem ofStatus(int status, String title) {
        return new Problem(ProblemType.BASE + "http-" + status, title, status, title, null, null);
    }

    /**
     * The 400 for fields that failed validation: each named in {@code errors} and all of them, joined here
     * and nowhere else, in the detail.
     */
    public static Problem invalid(List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        return of(ProblemType.INVALID_REQUEST, detail).withErrors(List.copyOf(errors));
    }

    /** One field that failed validation. */
    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors, context);
    }

    public Problem withContext(Map<String, Object> extra) {
        return new Problem(type, title, status, detail, errors, extra);
    }

    /** One field that failed validation. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(example = "credentials.authToken") String field,
            @Schema(example = "must not be blank") String message) {
    }
}
