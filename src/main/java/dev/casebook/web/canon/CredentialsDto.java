package dev.casebook.web.canon;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI schema of the signer's credentials; {@link RequestBinder} reads requests and checks these
 * constraints. {@link #toString()} masks the token and the secret.
 */
@Schema(name = "Credentials")
public record CredentialsDto(
        @NotBlank @Schema(required = true, example = "1234") String customerId,
        @NotBlank @Schema(required = true, example = "tok-abc", description = "Never logged, never stored") String authToken,
        @Schema(description = "The HMAC key for hmac-* algorithms; default: authToken. Never logged, never stored") String secret) {

    @Override
    public String toString() {
        return "CredentialsDto[customerId=" + customerId + ", authToken=***, secret=" + (secret == null ? "none" : "***") + "]";
    }
}
