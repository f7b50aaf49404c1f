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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns request bytes into core inputs in one walk of the request: shape and types first (one 400
 * listing every problem), then the constraints the API documents (those of {@link CanonicalRequest}
 * and {@link DiagnosisRequestDto}, in Bean Validation's words and order), then the lookups
 * (profile, algorithm) with the valid choices named. The documented schema records are the
 * contract's description only: requests never become them.
 */
@Singleton // no client proxy: it is called on every request
public class RequestBinder {

    /** The longest template, as {@link SchemeDto} documents it. */
    static final int MAX_TEMPLATE_LENGTH = 4096;

    private static final RequestEnvelope CANONICAL = new RequestEnvelope(
            Set.of("profile", "credentials", "body", "bodyText", "bodyBase64", "query", "scheme"), "body");
    private static final RequestEnvelope DIAGNOSIS = new RequestEnvelope(
            Set.of("credentials", "sentBody", "sentBodyBase64", "sentToken", "query", "sentQuery", "expectedProfile", "scheme"), null);
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("customerId", "authToken", "secret");
    private static final Set<String> SCHEME_FIELDS = Set.of("template", "algorithm", "encoding", "queryEncoding");

    /**
     * Everything /v1/canonical needs. {@code portableBody} says the body was given as a JSON value
     * that every language reads alike, as the request's walk found.
     */
    public record Canonical(EncoderProfile profile, Credentials credentials, byte[] body, boolean portableBody, List<QueryPair> query,
                            QueryEncoding queryEncoding, SigningScheme scheme) {
    }

    private final ProfileCatalog catalog;

    public RequestBinder(ProfileCatalog catalog) {
        this.catalog = catalog;
    }

    public Canonical canonical(byte[] json, int maxDepth) {
        FieldErrors errors = new FieldErrors();
        Fields f = new Fields();
        CANONICAL.read(json, maxDepth, errors, f);
        f.credentials(errors);
        f.scheme(errors);
        f.profile = errors.string(f.value("profile"), "profile");
        boolean body = f.bodyScanned || FieldErrors.given(f.value("body"));
        boolean bodyText = FieldErrors.given(f.value("bodyText"));
        boolean bodyBase64 = FieldErrors.given(f.value("bodyBase64"));
        if ((body ? 1 : 0) + (bodyText ? 1 : 0) + (bodyBase64 ? 1 : 0) > 1) {
            errors.add("body", "give at most one of body, bodyText and bodyBase64");
        }
        byte[] bytes = body ? Arrays.copyOfRange(json, f.bodyStart, f.bodyEnd)
                : bodyText ? utf8(errors.string(f.value("bodyText"), "bodyText"))
                : bodyBase64 ? base64(errors, f.value("bodyBase64"), "bodyBase64") : null;
        List<QueryPair> query = query(errors, f.value("query"));
        errors.throwIfAny();
        f.checkConstraints(true);
        EncoderProfile profile = profile(f.profile, "profile");
        QueryEncoding queryEncoding = queryEncoding(f);
        return new Canonical(profile, f.coreCredentials(), bytes, f.bodyScanned, query, queryEncoding, signingScheme(f));
    }

    public DiagnosisRequest diagnosis(byte[] json, int maxDepth) {
        FieldErrors errors = new FieldErrors();
        Fields f = new Fields();
        DIAGNOSIS.read(json, maxDepth, errors, f);
        f.credentials(errors);
        f.scheme(errors);
        String sentBody = errors.string(f.value("sentBody"), "sentBody");
        byte[] sent = null;
        boolean text = FieldErrors.given(f.value("sentBody"));
        if (text && FieldErrors.given(f.value("sentBodyBase64"))) {
            errors.add("sentBody", "give sentBody or sentBodyBase64, not both");
        } else if (FieldErrors.given(f.value("sentBodyBase64"))) {
            sent = base64(errors, f.value("sentBodyBase64"), "sentBodyBase64");
        } else if (sentBody != null) {
            sent = utf8(sentBody);
        } else if (!text) {
            errors.add("sentBody", "is required: the exact body text the client sent");
        }
        String sentToken = errors.string(f.value("sentToken"), "sentToken");
        String sentQuery = errors.string(f.value("sentQuery"), "sentQuery");
        String expected = errors.string(f.value("expectedProfile"), "expectedProfile");
        List<QueryPair> query = query(errors, f.value("query"));
        errors.throwIfAny();
        f.checkConstraints(false);
        EncoderProfile expectedProfile = expected == null ? null : profile(expected, "expectedProfile");
        String template = template(f);
        TokenAlgorithm algorithm = f.scheme ? algorithm(f.algorithm) : null;
        TokenEncoding encoding = f.scheme ? encoding(f.encoding) : null;
        return new DiagnosisRequest(f.coreCredentials(), sent, sentToken, query, sentQuery, expectedProfile, template,
                algorithm, encoding, queryEncoding(f));
    }

    /**
     * One request's fields as its walk hands them over, and then their text: what becomes the core
     * records once every check has passed.
     */
    static final class Fields implements RequestEnvelope.Fields {
        private final JsonValue[] values = new JsonValue[NAMES.size()];
        boolean bodyScanned;
        int bodyStart;
        int bodyEnd;

        String profile;
        boolean credentials;
        String customerId;
        String authToken;
        String secret;
        boolean scheme;
        String template;
        String algorithm;
        String encoding;
        String queryEncoding;

        /** Every root field of either request, for a slot each. */
        private static final List<String> NAMES = List.of("profile", "credentials", "body", "bodyText", "bodyBase64", "query", "scheme",
                "sentBody", "sentBodyBase64", "sentToken", "sentQuery", "expectedProfile");

        @Override
        public void field(String name, JsonValue value, int start, int end) {
            values[NAMES.indexOf(name)] = value;
            if (name.equals("body")) {
                bodyScanned = value == null;
                bodyStart = start;
                bodyEnd = end;
            }
        }

        JsonValue value(String name) {
            return values[NAMES.indexOf(name)];
        }

        void credentials(FieldErrors errors) {
            JsonValue v = value("credentials");
            if (!FieldErrors.given(v)) {
                return; // the constraints report it
            }
            JsonValue[] c = members(errors, v, "credentials", CREDENTIAL_FIELDS, List.of("customerId", "authToken", "secret"));
            credentials = c != null;
            if (c != null) {
                customerId = errors.string(c[0], "credentials.customerId");
                authToken = errors.string(c[1], "credentials.authToken");
                secret = errors.string(c[2], "credentials.secret");
            }
        }

        void scheme(FieldErrors errors) {
            JsonValue v = value("scheme");
            if (!FieldErrors.given(v)) {
                return;
            }
            JsonValue[] s = members(errors, v, "scheme", SCHEME_FIELDS, List.of("template", "algorithm", "encoding", "queryEncoding"));
            scheme = s != null;
            if (s != null) {
                template = errors.string(s[0], "scheme.template");
                algorithm = errors.string(s[1], "scheme.algorithm");
                encoding = errors.string(s[2], "scheme.encoding");
                queryEncoding = errors.string(s[3], "scheme.queryEncoding");
            }
        }

        /** A nested object's members in the order of {@code names}, unknown and repeated ones reported; null when not an object. */
        private static JsonValue[] members(FieldErrors errors, JsonValue v, String field, Set<String> allowed, List<String> names) {
            JsonValue.Obj o = errors.object(v, field);
            if (o == null) {
                return null;
            }
            JsonValue[] out = new JsonValue[names.size()];
            Set<String> seen = new HashSet<>();
            for (JsonValue.Member m : o.members()) {
                String key = m.key().value();
                if (!allowed.contains(key)) {
                    errors.add(field + "." + key, "unknown field; the fields are " + new TreeSet<>(allowed));
                } else if (!seen.add(key)) {
                    errors.add(field + "." + key, "given more than once");
                } else {
                    out[names.indexOf(key)] = m.value();
                }
            }
            return out;
        }

        /**
         * The documented constraints, as Bean Validation would report them on the schema records
         * (sorted by path), without its reflection on every request: credentials present with a
         * customer id and auth token that are not blank, a profile that is not blank (when
         * required), a template of at most {@link #MAX_TEMPLATE_LENGTH} characters.
         */
        void checkConstraints(boolean profileRequired) {
            FieldErrors errors = new FieldErrors();
            if (!credentials) {
                errors.add("credentials", "must not be null");
            } else {
                if (blank(authToken)) {
                    errors.add("credentials.authToken", "must not be blank");
                }
                if (blank(customerId)) {
                    errors.add("credentials.customerId", "must not be blank");
                }
            }
            if (profileRequired && blank(profile)) {
                errors.add("profile", "must not be blank");
            }
            if (scheme && template != null && template.length() > MAX_TEMPLATE_LENGTH) {
                errors.add("scheme.template", "size must be between 0 and " + MAX_TEMPLATE_LENGTH);
            }
            errors.throwIfAny();
        }

        /** {@code @NotBlank} as Hibernate Validator 9 decides it ({@link String#isBlank()}, Unicode white space). */
        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        Credentials coreCredentials() {
            return new Credentials(customerId, authToken, secret);
        }
    }

    private static List<QueryPair> query(FieldErrors errors, JsonValue q) {
        List<QueryPair> pairs = new ArrayList<>();
        if (!FieldErrors.given(q)) {
            return pairs;
        }
        if (q instanceof JsonValue.Obj o) {
            for (JsonValue.Member m : o.members()) {
                String v = errors.string(m.value(), "query." + m.key().value());
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
                    errors.add("query[" + i + "]", "must be a [name, value] pair of strings (give numbers as the text the client sends)");
                }
            }
        } else {
            errors.add("query", "must be an array of [name, value] pairs or an object");
        }
        return pairs;
    }

    private EncoderProfile profile(String id, String field) {
        return catalog.find(id).orElseThrow(() -> invalid(field, "unknown profile '" + id + "'; the profiles are "
                + catalog.all().stream().map(EncoderProfile::id).collect(Collectors.joining(", "))));
    }

    private static SigningScheme signingScheme(Fields f) {
        if (!f.scheme) {
            return SigningScheme.defaults();
        }
        String template = template(f);
        TokenAlgorithm algorithm = algorithm(f.algorithm);
        TokenEncoding encoding = encoding(f.encoding);
        return new SigningScheme(template, algorithm != null ? algorithm : TokenAlgorithm.SHA256, encoding != null ? encoding : TokenEncoding.HEX);
    }

    private static String template(Fields f) {
        String template = f.template != null ? f.template : SigningScheme.DEFAULT_TEMPLATE;
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

    private static QueryEncoding queryEncoding(Fields f) {
        if (f.queryEncoding == null) {
            return null;
        }
        QueryEncoding q = QueryEncoding.fromId(f.queryEncoding);
        if (q == null) {
            throw invalid("scheme.queryEncoding", "unknown query encoding '" + f.queryEncoding + "'; the query encodings are "
                    + Arrays.stream(QueryEncoding.values()).map(QueryEncoding::id).collect(Collectors.joining(", ")));
        }
        return q;
    }

    /** The text's UTF-8 bytes; null for null (a field of the wrong type, already reported). */
    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(FieldErrors errors, JsonValue v, String field) {
        String s = errors.string(v, field);
        if (s == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            errors.add(field, "is not valid base64");
            return null;
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid(field, message));
    }
}
