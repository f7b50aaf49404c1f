package dev.casebook.web.canon;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.query.QueryEncoding;
import dev.casebook.core.canon.query.QueryPair;
import dev.casebook.core.canon.signing.BodyTooDeepException;
import dev.casebook.core.canon.signing.Canonicalizer;
import dev.casebook.core.canon.signing.SigningScheme;
import dev.casebook.core.canon.signing.TokenAlgorithm;
import dev.casebook.core.canon.signing.TokenEncoding;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The catalogue as GET /v1/profiles shows it, with each profile's output computed once at start. */
@ApplicationScoped
public class ProfilesView {

    /** Chosen to show where encoders differ: spacing, '/', '<', non-ASCII, an astral character, 1.0 and a big integer. */
    static final String EXAMPLE_BODY = "{\"url\":\"http://example.com/a?x=<1>\",\"n\":1.0,\"big\":12345678901234567890,\"s\":\"café 😀\"}";
    static final List<QueryPair> EXAMPLE_QUERY = List.of(new QueryPair("q", "a b~*"), new QueryPair("city", "Zürich"));

    private final ProfilesResponse response;

    public ProfilesView(ProfileCatalog catalog, Canonicalizer canonicalizer) {
        byte[] body = EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8);
        List<ProfilesResponse.ProfileDto> profiles = catalog.all().stream().map(p -> new ProfilesResponse.ProfileDto(p.id(),
                p.language().id(), p.description(), p.snippet(), example(canonicalizer, p, body),
                p.language().defaultQueryEncoding().id())).toList();
        List<ProfilesResponse.QueryEncodingDto> queries = Arrays.stream(QueryEncoding.values())
                .map(q -> new ProfilesResponse.QueryEncodingDto(q.id(), q.encode(EXAMPLE_QUERY))).toList();
        response = new ProfilesResponse(profiles, queries, Arrays.stream(TokenAlgorithm.values()).map(TokenAlgorithm::id).toList(),
                Arrays.stream(TokenEncoding.values()).map(TokenEncoding::id).toList(), SigningScheme.DEFAULT_TEMPLATE, EXAMPLE_BODY);
    }

    private static String example(Canonicalizer canonicalizer, EncoderProfile p, byte[] body) {
        try {
            return new String(canonicalizer.encodeBody(p, body), StandardCharsets.UTF_8);
        } catch (LanguageFailure | BodyTooDeepException e) {
            return "(refused: " + e.getMessage() + ")";
        }
    }

    ProfilesResponse response() {
        return response;
    }
}
