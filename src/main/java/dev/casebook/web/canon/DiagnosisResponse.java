package dev.casebook.web.canon;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.casebook.core.canon.diagnose.Diagnosis;
import dev.casebook.core.canon.diagnose.Divergence;
import dev.casebook.core.canon.diagnose.TokenMatch;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DiagnosisResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiagnosisResponse(
        @Schema(description = "Profiles whose re-encoding of sentBody reproduces it byte for byte (the encoder fingerprint)",
                example = "[\"python-json-compact\", \"javascript-json\", \"go-json\"]") List<String> bodyProfiles,
        @Schema(description = "When bodyProfiles is empty: what is unusual about the body") String bodyNote,
        @Schema(description = "Profiles, with algorithm and encoding, whose token equals sentToken") List<TokenMatchDto> tokenMatches,
        @Schema(description = "Whether signing the sent bytes as they are gives sentToken (absent without sentToken)") Boolean rawBodyMatches,
        @Schema(example = "python-json") String expectedProfile,
        @Schema(description = "When the expected profile's language cannot read or encode the sent body: why") String expectedError,
        DivergenceDto divergence,
        @Schema(description = "One or two sentences naming the fix") String verdict) {

    @Schema(name = "TokenMatch")
    public record TokenMatchDto(@Schema(example = "javascript-json") String profile, @Schema(example = "sha256") String algorithm,
                                @Schema(example = "hex") String encoding, @Schema(example = "javascript-urlsearchparams") String queryEncoding) {
    }

    @Schema(name = "Divergence", description = "Where the expected canonical string first parts from the one built with the sent bytes")
    public record DivergenceDto(
            @Schema(description = "UTF-8 byte offset of the first difference in the canonical string", example = "18") long offset,
            @Schema(description = "The differing bytes of the expected side", example = " ") String expected,
            @Schema(description = "The differing bytes of the sent side", example = "") String actual,
            ContextDto context,
            @Schema(description = "The class of difference", example = "separator-whitespace") String cause,
            @Schema(example = "The expected side (python-json) puts a space after ':' where the sent body has none.") String explanation) {
    }

    @Schema(name = "DivergenceContext", description = "The same window of both canonical strings around the offset")
    public record ContextDto(String expected, String actual) {
    }

    static DiagnosisResponse of(Diagnosis d, String expectedProfile) {
        List<TokenMatchDto> matches = d.tokenMatches().stream()
                .map((TokenMatch m) -> new TokenMatchDto(m.profile(), m.algorithm(), m.encoding(), m.queryEncoding())).toList();
        Divergence v = d.divergence();
        DivergenceDto divergence = v == null ? null : new DivergenceDto(v.offset(), v.expected(), v.actual(),
                new ContextDto(v.expectedContext(), v.actualContext()), v.cause().id(), v.explanation());
        return new DiagnosisResponse(d.bodyProfiles(), d.bodyNote(), matches, d.rawBodyMatches(), expectedProfile, d.expectedError(),
                divergence, d.verdict());
    }
}
