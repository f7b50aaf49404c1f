package dev.casebook.web.canon;

import dev.casebook.core.canon.diagnose.DiagnosisRequest;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.query.QueryEncoding;
import dev.casebook.core.canon.query.QueryPair;
import dev.casebook.core.canon.signing.Credentials;
import dev.casebook.core.canon.signing.SigningScheme;
import dev.casebook.core.canon.signing.TokenAlgorithm;
import dev.casebook.core.canon.signing.TokenEncoding;
import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns request bytes into core inputs: shape and types first (one 400 listing every problem),
 * then Bean Validation of the values, then the lookups (profile, algorithm) with the valid choices
 * named. Data flows one way: bytes -> validated record -> core input.
 */
@Singleton // no client proxy: it is called on every request
public class RequestBinder {

    static final Set<String> CANONICAL_FIELDS = Set.of("profile", "credentials", "body", "bodyText", "bodyBase64", "query", "scheme");
    static final Set<String> DIAGNOSIS_FIELDS = Set.of("credentials", "sentBody", "sentBodyBase64", "sentToken", "query", "sentQuery",
            "expectedProfile", "scheme");
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("customerId", "authToken", "secret");
    private static final Set<String> SCHEME_FIELDS = Set.of("template", "algorithm", "encoding", "queryEncoding");

    /**
     * Everything /v1/canonical needs. {@code portableBody} says the body was given as a JSON value
     * that every language reads alike, as the request parse found.
     */
    public record Canonical(EncoderProfile profile, Credentials credentials, byte[] body, boolean portableBody, List<QueryPair> query,
                            QueryEncoding queryEncoding, SigningScheme scheme) {
    }

    private final ProfileCatalog catalog;
    private final Validator validator;

    public RequestBinder(ProfileCatalog catalog, Validator validator) {
        this.catalog = catalog;
        this.validator = validator;
    }

    public Canonical canonical(byte[] json, int maxDepth) {
        RequestFields f = RequestFields.read(json, maxDepth, CANONICAL_FIELDS, "body");
        CredentialsDto credentials = credentials(f);
        SchemeDto scheme = scheme(f);
        String profileId = f.string("profile");
        int bodies = (f.has("body") ? 1 : 0) + (f.has("bodyText") ? 1 : 0) + (f.has("bodyBase64") ? 1 : 0);
        if (bodies > 1) {
            f.error("body", "give at most one of body, bodyText and bodyBase64");
        }
        byte[] body = f.has("body") ? f.sourceBytes("body")
                : f.has("bodyText") ? utf8(f.string("bodyText"))
                : f.has("bodyBase64") ? base64(f, "bodyBase64") : null;
        List<QueryPair> query = query(f);
        f.throwIfErrors();
        CanonicalRequest request = new CanonicalRequest(profileId, credentials, null, null, null, null, scheme);
        if (!obviouslyValid(request)) {
            validate(request);
        }
        EncoderProfile profile = profile(profileId, "profile");
        return new Canonical(profile, core(credentials), body, f.scanned("body"), query, queryEncoding(scheme),
                signingScheme(scheme));
    }

    public DiagnosisRequest diagnosis(byte[] json, int maxDepth) {
        RequestFields f = RequestFields.read(json, maxDepth, DIAGNOSIS_FIELDS);
        CredentialsDto credentials = credentials(f);
        SchemeDto scheme = scheme(f);
        String sentBody = f.string("sentBody");
        byte[] sent = null;
        if (f.has("sentBody") && f.has("sentBodyBase64")) {
            f.error("sentBody", "give sentBody or sentBodyBase64, not both");
        } else if (f.has("sentBodyBase64")) {
            sent = base64(f, "sentBodyBase64");
        } else if (sentBody != null) {
            sent = utf8(sentBody);
        } else if (!f.has("sentBody")) {
            f.error("sentBody", "is required: the exact body text the client sent");
        }
        String sentToken = f.string("sentToken");
        String sentQuery = f.string("sentQuery");
        String expected = f.string("expectedProfile");
        List<QueryPair> query = query(f);
        f.throwIfErrors();
        validate(new DiagnosisRequestDto(credentials, sentBody, null, sentToken, null, sentQuery, expected, scheme));
        EncoderProfile expectedProfile = expected == null ? null : profile(expected, "expectedProfile");
        String template = template(scheme);
        return new DiagnosisRequest(core(credentials), sent, sentToken, query, sentQuery, expectedProfile, template,
                scheme == null ? null : algorithm(scheme.algorithm()), scheme == null ? null : encoding(scheme.encoding()),
                queryEncoding(scheme));
    }

    private CredentialsDto credentials(RequestFields f) {
        if (!f.has("credentials")) {
            return null; // Bean Validation reports it
        }
        Map<String, JsonValue> c = f.object("credentials", CREDENTIAL_FIELDS);
        return new CredentialsDto(f.string(c.get("customerId"), "credentials.customerId"),
                f.string(c.get("authToken"), "credentials.authToken"), f.string(c.get("secret"), "credentials.secret"));
    }

    private SchemeDto scheme(RequestFields f) {
        if (!f.has("scheme")) {
            return null;
        }
        Map<String, JsonValue> s = f.object("scheme", SCHEME_FIELDS);
        return new SchemeDto(f.string(s.get("template"), "scheme.template"), f.string(s.get("algorithm"), "scheme.algorithm"),
                f.string(s.get("encoding"), "scheme.encoding"), f.string(s.get("queryEncoding"), "scheme.queryEncoding"));
    }

    private static List<QueryPair> query(RequestFields f) {
        List<QueryPair> pairs = new ArrayList<>();
        JsonValue q = f.value("query");
        if (q == null || q == JsonValue.Null.NULL) {
            return pairs;
        }
        if (q instanceof JsonValue.Obj o) {
            for (JsonValue.Member m : o.members()) {
                String v = f.string(m.value(), "query." + m.key().value());
                if (v != null) {
                    pairs.add(new QueryPair(m.key().value(), v));
                }
            }
        } else if (q instanceof JsonValue.Arr a) {
            for (int i = 0; i < a.elements().size(); i++) {
                if (a.elements().get(i) instanceof JsonValue.Arr pair && pair.elements().size() == 2
                        && pair.elements().get(0) instanceof JsonValue.Str name && pair.elements().get(1) instanceof JsonValue.Str value) {
                    pairs.add(new QueryPair(name.value(), value.value()));
                } else {
                    f.error("query[" + i + "]", "must be a [name, value] pair of strings (give numbers as the text the client sends)");
                }
            }
        } else {
            f.error("query", "must be an array of [name, value] pairs or an object");
        }
        return pairs;
    }

    /**
     * The constraints of {@link CanonicalRequest} checked by hand, so that a valid request (nearly
     * every request) skips the validator's reflection: true only when Bean Validation would find
     * nothing; otherwise the validator runs and reports as it always does.
     */
    static boolean obviouslyValid(CanonicalRequest r) {
        CredentialsDto c = r.credentials();
        SchemeDto s = r.scheme();
        return notBlank(r.profile()) && c != null && notBlank(c.customerId()) && notBlank(c.authToken())
                && (s == null || s.template() == null || s.template().length() <= SchemeDto.MAX_TEMPLATE_LENGTH);
    }

    /** {@code @NotBlank} as Hibernate Validator 9 decides it ({@link String#isBlank()}, Unicode white space). */
    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private void validate(Object dto) {
        Set<ConstraintViolation<Object>> violations = validator.validate(dto);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    private EncoderProfile profile(String id, String field) {
        return catalog.find(id).orElseThrow(() -> invalid(field, "unknown profile '" + id + "'; the profiles are "
                + catalog.all().stream().map(EncoderProfile::id).collect(Collectors.joining(", "))));
    }

    private static SigningScheme signingScheme(SchemeDto s) {
        if (s == null) {
            return SigningScheme.defaults();
        }
        String template = template(s);
        TokenAlgorithm algorithm = algorithm(s.algorithm());
        TokenEncoding encoding = encoding(s.encoding());
        return new SigningScheme(template, algorithm != null ? algorithm : TokenAlgorithm.SHA256, encoding != null ? encoding : TokenEncoding.HEX);
    }

    private static String template(SchemeDto s) {
        String template = s != null && s.template() != null ? s.template() : SigningScheme.DEFAULT_TEMPLATE;
        try {
            SigningScheme.validate(template);
        } catch (IllegalArgumentException e) {
            throw invalid("scheme.template", e.getMessage());
        }
        return template;
    }

    private static TokenAlgorithm algorithm(String id) {
        if (id == null) {
            return null;
        }
        TokenAlgorithm a = TokenAlgorithm.fromId(id);
        if (a == null) {
            throw invalid("scheme.algorithm", "unknown algorithm '" + id + "'; the algorithms are "
                    + Arrays.stream(TokenAlgorithm.values()).map(TokenAlgorithm::id).collect(Collectors.joining(", ")));
        }
        return a;
    }

    private static TokenEncoding encoding(String id) {
        if (id == null) {
            return null;
        }
        TokenEncoding e = TokenEncoding.fromId(id);
        if (e == null) {
            throw invalid("scheme.encoding", "unknown encoding '" + id + "'; the encodings are hex, base64, base64url");
        }
        return e;
    }

    private static QueryEncoding queryEncoding(SchemeDto s) {
        if (s == null || s.queryEncoding() == null) {
            return null;
        }
        QueryEncoding q = QueryEncoding.fromId(s.queryEncoding());
        if (q == null) {
            throw invalid("scheme.queryEncoding", "unknown query encoding '" + s.queryEncoding() + "'; the query encodings are "
                    + Arrays.stream(QueryEncoding.values()).map(QueryEncoding::id).collect(Collectors.joining(", ")));
        }
        return q;
    }

    private static Credentials core(CredentialsDto c) {
        return new Credentials(c.customerId(), c.authToken(), c.secret());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(RequestFields f, String field) {
        String s = f.string(field);
        if (s == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            f.error(field, "is not valid base64");
            return null;
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid(field, message));
    }
}
