package dev.casebook.web.canon;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI schema of POST /v1/canonical; {@link RequestBinder} reads requests and checks these constraints. */
@Schema(name = "CanonicalRequest")
public record CanonicalRequest(
        @NotBlank @Schema(required = true, description = "An encoder profile id (GET /v1/profiles)", example = "python-json") String profile,
        @NotNull @Valid @Schema(required = true) CredentialsDto credentials,
        @Schema(description = "The body as the client's program held it: any JSON value, read exactly as written "
                + "(number lexemes, member order, duplicate keys)", implementation = Object.class) Object body,
        @Schema(description = "The same as a JSON text, instead of body", example = "{\"url\": \"http://example.com/a\"}") String bodyText,
        @Schema(description = "The body's exact bytes in base64 (a BOM, ill-formed UTF-8), instead of body", format = "byte") String bodyBase64,
        @Schema(description = "Ordered [name, value] pairs, or an object of names to values (all strings)",
                example = "[[\"b\", \"2\"], [\"a\", \"1\"]]", implementation = Object.class) Object query,
        @Valid SchemeDto scheme) {
}
