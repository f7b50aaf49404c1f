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
    public static final String TYPE_BASE = "https://casebook.dev/problems/";

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(TYPE_BASE + type, title, status, detail, null, null);
    }

    /** The 400 for fields that failed validation: each named in {@code errors} and all of them in the detail. */
    public static Problem invalid(List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        return of(400, "invalid-request", "The request is not valid", detail).withErrors(List.copyOf(errors));
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
