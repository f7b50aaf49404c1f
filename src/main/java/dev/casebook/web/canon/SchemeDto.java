package dev.casebook.web.canon;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI schema of a request's scheme; {@link RequestBinder} reads requests and checks these constraints. */
@Schema(name = "Scheme", description = "How the canonical string is built and signed")
public record SchemeDto(
        @Size(max = RequestBinder.MAX_TEMPLATE_LENGTH) @Schema(description = "Template over {customerId}, {authToken}, {body}, {query}",
                defaultValue = "{customerId}{authToken}{body}{query}") String template,
        @Schema(enumeration = {"md5", "sha1", "sha256", "sha512", "hmac-sha1", "hmac-sha256", "hmac-sha512"},
                defaultValue = "sha256") String algorithm,
        @Schema(enumeration = {"hex", "base64", "base64url"}, defaultValue = "hex") String encoding,
        @Schema(description = "A query encoder id from GET /v1/profiles; default: the profile's language's own",
                example = "rfc3986") String queryEncoding) {
}
