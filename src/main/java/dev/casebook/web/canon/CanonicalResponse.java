package dev.casebook.web.canon;

import dev.casebook.core.canon.signing.CanonicalResult;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a client encoding with the profile would sign. The text fields are exact whenever the
 * bytes are well-formed UTF-8; only when they are not (a raw body with ill-formed bytes) do the
 * *Base64 twins appear, carrying the exact bytes.
 */
@Schema(name = "CanonicalResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CanonicalResponse(
        @Schema(example = "python-json") String profile,
        @Schema(example = "python") String language,
        @Schema(description = "The body as the profile's encoder writes it", example = "{\"url\": \"http://example.com/a\", \"n\": 1.0}")
        String encodedBody,
        @Schema(description = "Only when the encoded body is not well-formed UTF-8: its exact bytes in base64", format = "byte")
        String encodedBodyBase64,
        @Schema(example = "b=2&a=1") String encodedQuery,
        @Schema(example = "python-urlencode") String queryEncoding,
        @Schema(example = "1234tok-abc{\"url\": \"http://example.com/a\", \"n\": 1.0}b=2&a=1") String canonicalString,
        @Schema(description = "Only when the canonical string is not well-formed UTF-8: its exact bytes in base64", format = "byte")
        String canonicalStringBase64,
        @Schema(example = "4c1b0c8a8f2d0e6f6f0d7b5d1c8e3b2a9f8e7d6c5b4a39281706f5e4d3c2b1a0") String token,
        @Schema(example = "sha256") String algorithm,
        @Schema(example = "hex") String encoding,
        @Schema(example = "{customerId}{authToken}{body}{query}") String template) {

    static CanonicalResponse of(CanonicalResult r) {
        String body = exactText(r.encodedBody());
        String canonical = exactText(r.canonical().bytes());
        return new CanonicalResponse(r.profile().id(), r.profile().language().id(),
                body != null ? body : new String(r.encodedBody(), StandardCharsets.UTF_8),
                body != null ? null : Base64.getEncoder().encodeToString(r.encodedBody()), r.encodedQuery(), r.queryEncoding().id(),
                canonical != null ? canonical : new String(r.canonical().bytes(), StandardCharsets.UTF_8),
                canonical != null ? null : Base64.getEncoder().encodeToString(r.canonical().bytes()),
                r.token(), r.scheme().algorithm().id(), r.scheme().encoding().id(), r.scheme().template());
    }

    /** The bytes as text when they are well-formed UTF-8 (so the text says exactly the same), else null. */
    static String exactText(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
