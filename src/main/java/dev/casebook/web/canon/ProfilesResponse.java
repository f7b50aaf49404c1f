package dev.casebook.web.canon;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ProfilesResponse")
public record ProfilesResponse(
        List<ProfileDto> profiles,
        List<QueryEncodingDto> queryEncodings,
        @Schema(example = "[\"md5\", \"sha1\", \"sha256\", \"sha512\", \"hmac-sha1\", \"hmac-sha256\", \"hmac-sha512\"]") List<String> algorithms,
        @Schema(example = "[\"hex\", \"base64\", \"base64url\"]") List<String> encodings,
        @Schema(example = "{customerId}{authToken}{body}{query}") String defaultTemplate,
        @Schema(description = "The body every example below encodes") String exampleBody) {

    @Schema(name = "Profile")
    public record ProfileDto(
            @Schema(example = "python-json") String id,
            @Schema(example = "python") String language,
            @Schema(example = "json.dumps(v): \", \" and \": \", non-ASCII as \\uXXXX, float repr") String description,
            @Schema(description = "The call that writes these bytes in that language", example = "json.dumps(body)") String snippet,
            @Schema(description = "What this profile writes for exampleBody, or why it cannot") String example,
            @Schema(example = "python-urlencode") String defaultQueryEncoding) {
    }

    @Schema(name = "QueryEncoding")
    public record QueryEncodingDto(@Schema(example = "python-urlencode") String id,
                                   @Schema(description = "What it writes for the example pairs") String example) {
    }
}
