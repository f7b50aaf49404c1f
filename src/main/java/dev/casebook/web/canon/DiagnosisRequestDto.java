package dev.casebook.web.canon;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI schema of POST /v1/diagnoses; {@link RequestBinder} reads requests and checks these constraints. */
@Schema(name = "DiagnosisRequest")
public record DiagnosisRequestDto(
        @NotNull @Valid @Schema(required = true) CredentialsDto credentials,
        @Schema(description = "The exact body text the client sent (required unless sentBodyBase64 is given)",
                example = "{\"url\":\"http://example.com/a\"}") String sentBody,
        @Schema(description = "The exact body bytes in base64, instead of sentBody", format = "byte") String sentBodyBase64,
        @Schema(description = "The token the client sent") String sentToken,
        @Schema(description = "Ordered [name, value] pairs, or an object", implementation = Object.class) Object query,
        @Schema(description = "The query string exactly as the client signed it, when known", example = "a=1") String sentQuery,
        @Schema(description = "The profile the server re-encodes the body with", example = "python-json") String expectedProfile,
        @Valid SchemeDto scheme) {
}
