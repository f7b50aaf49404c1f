package dev.casebook.core.canon.diagnose;

import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.query.QueryEncoding;
import dev.casebook.core.canon.signing.BodyTooDeepException;
import dev.casebook.core.canon.signing.CanonicalResult;
import dev.casebook.core.canon.signing.Canonicalizer;
import dev.casebook.core.canon.signing.SigningScheme;
import dev.casebook.core.canon.signing.TokenAlgorithm;
import dev.casebook.core.canon.signing.TokenEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "The tokens match but the server says no": fingerprints the encoder that wrote the sent body,
 * finds which profile and algorithm reproduce the sent token, and locates and explains the first
 * byte where the server's canonical string parts from the client's.
 *
 * <p>Contract: re-encodes the sent body once per profile (one parse shared by all of them when
 * every language would read it alike, else one parse per profile), signs at most
 * profiles x algorithms x encodings small strings; deterministic. A body deeper than the service
 * limit gives {@link BodyTooDeepException}; every language failure is part of the answer, never
 * an exception.
 */
public final class Diagnoser {

    private final ProfileCatalog catalog;
    private final Canonicalizer canonicalizer;

    public Diagnoser(ProfileCatalog catalog, Canonicalizer canonicalizer) {
        this.catalog = catalog;
        this.canonicalizer = canonicalizer;
    }

    public Diagnosis diagnose(DiagnosisRequest request) throws BodyTooDeepException {
        byte[] sent = request.sentBody();
        Map<EncoderProfile, byte[]> encodings = new LinkedHashMap<>();
        Map<EncoderProfile, LanguageFailure> failures = new LinkedHashMap<>();
        JsonValue portable = canonicalizer.portableTree(sent); // one parse for all profiles when it is safe
        for (EncoderProfile p : catalog.all()) {
            try {
                encodings.put(p, canonicalizer.encodeBody(p, sent, portable));
            } catch (LanguageFailure f) {
                failures.put(p, f);
            }
        }
        List<String> bodyProfiles = new ArrayList<>();
        for (Map.Entry<EncoderProfile, byte[]> e : encodings.entrySet()) {
            if (!e.getKey().isRaw() && Arrays.equals(e.getValue(), sent)) {
                bodyProfiles.add(e.getKey().id());
            }
        }
        String bodyNote = bodyProfiles.isEmpty() ? closestProfileNote(sent, encodings, failures) : null;

        List<TokenMatch> tokenMatches = new ArrayList<>();
        Boolean rawMatches = null;
        if (request.sentToken() != null && !request.sentToken().isBlank()) {
            rawMatches = false;
            for (Map.Entry<EncoderProfile, byte[]> e : encodings.entrySet()) {
                for (QueryEncoding qe : queryEncodingsToTry(request, e.getKey())) {
                    String query = request.sentQuery() != null && e.getKey().isRaw() ? request.sentQuery() : qe.encode(request.query());
                    TokenMatch m = matchToken(request, e.getKey(), e.getValue(), query, qe);
                    if (m != null) {
                        tokenMatches.add(m);
                        if (e.getKey().isRaw()) {
                            rawMatches = true;
                        }
                        break;
                    }
                }
            }
        }

        EncoderProfile expected = request.expectedProfile();
        Divergence divergence = null;
        String expectedError = null;
        if (expected != null) {
            if (failures.containsKey(expected)) {
                LanguageFailure f = failures.get(expected);
                expectedError = expected.id() + " cannot " + (f.stage() == LanguageFailure.Stage.PARSE ? "read" : "encode")
                        + " the sent body: " + f.getMessage() + (f.offset() >= 0 ? " (byte " + f.offset() + ")" : "");
            } else {
                divergence = divergence(request, expected, encodings.get(expected));
            }
        }
        String verdict = new Verdict(request, bodyProfiles, catalog, tokenMatches, rawMatches, expectedError, divergence).sentence();
        return new Diagnosis(bodyProfiles, bodyNote, tokenMatches, rawMatches, expectedError, divergence, verdict);
    }

    private List<QueryEncoding> queryEncodingsToTry(DiagnosisRequest request, EncoderProfile profile) {
        if (request.queryEncoding() != null) {
            return List.of(request.queryEncoding());
        }
        if (profile.isRaw() && request.sentQuery() == null && !request.query().isEmpty()) {
            return Arrays.asList(QueryEncoding.values());
        }
        return List.of(profile.language().defaultQueryEncoding());
    }

    private TokenMatch matchToken(DiagnosisRequest request, EncoderProfile profile, byte[] body, String query, QueryEncoding qe) {
        List<TokenAlgorithm> algorithms = request.algorithm() != null ? List.of(request.algorithm()) : List.of(TokenAlgorithm.values());
        List<TokenEncoding> encodings = request.encoding() != null ? List.of(request.encoding()) : List.of(TokenEncoding.values());
        for (TokenAlgorithm algorithm : algorithms) {
            SigningScheme scheme = new SigningScheme(request.template(), algorithm, TokenEncoding.HEX);
            CanonicalResult r = canonicalizer.sign(profile, qe, request.credentials(), body, query, scheme);
            byte[] mac = algorithm.apply(r.canonical().bytes(), request.credentials().hmacKey());
            for (TokenEncoding encoding : encodings) {
                if (encoding.matches(request.sentToken(), mac)) {
                    return new TokenMatch(profile.id(), algorithm.id(), encoding.id(), qe.id());
                }
            }
        }
        return null;
    }

    private Divergence divergence(DiagnosisRequest request, EncoderProfile expected, byte[] expectedBody) {
        QueryEncoding qe = request.queryEncoding() != null ? request.queryEncoding() : expected.language().defaultQueryEncoding();
        String expectedQuery = qe.encode(request.query());
        String actualQuery = request.sentQuery() != null ? request.sentQuery() : expectedQuery;
        SigningScheme scheme = request.scheme();
        SigningScheme.Canonical e = scheme.render(request.credentials().customerId(), request.credentials().authToken(), expectedBody,
                expectedQuery);
        SigningScheme.Canonical a = scheme.render(request.credentials().customerId(), request.credentials().authToken(),
                request.sentBody(), actualQuery);
        ByteDiff diff = ByteDiff.of(e.bytes(), a.bytes());
        if (diff == null) {
            return null;
        }
        DivergenceExplainer explainer = new DivergenceExplainer(e.bytes(), a.bytes(), diff.offset(), expected);
        DivergenceExplainer.Explained why = explainer.inQuery();
        int[] expectedSpan = span(e.bodySpans(), diff.offset());
        int[] actualSpan = span(a.bodySpans(), diff.offset());
        if (expectedSpan != null && actualSpan != null) {
            why = explainer.inBody(expectedSpan[0], expectedSpan[1], actualSpan[0], actualSpan[1]);
        } else if (span(e.querySpans(), diff.offset()) == null && span(a.querySpans(), diff.offset()) == null) {
            why = new DivergenceExplainer.Explained(Cause.OTHER, "The canonical strings part outside the body and query.");
        }
        int from = Math.max(0, diff.offset() - 24);
        return new Divergence(diff.offset(), ByteDiff.text(e.bytes(), diff.offset(), diff.expectedEnd()),
                ByteDiff.text(a.bytes(), diff.offset(), diff.actualEnd()), ByteDiff.text(e.bytes(), from, diff.offset() + 24),
                ByteDiff.text(a.bytes(), from, diff.offset() + 24), why.cause(), why.sentence());
    }

    /** The span (start inclusive, end inclusive of one past the end) that holds {@code offset}, or null. */
    private static int[] span(List<int[]> spans, int offset) {
        for (int[] s : spans) {
            if (offset >= s[0] && offset <= s[1]) {
                return s;
            }
        }
        return null;
    }

    /** When no profile reproduces the body: the one that agrees longest, and where and why it parts. */
    private String closestProfileNote(byte[] sent, Map<EncoderProfile, byte[]> encodings, Map<EncoderProfile, LanguageFailure> failures) {
        EncoderProfile best = null;
        ByteDiff bestDiff = null;
        for (Map.Entry<EncoderProfile, byte[]> e : encodings.entrySet()) {
            if (e.getKey().isRaw()) {
                continue;
            }
            ByteDiff d = ByteDiff.of(e.getValue(), sent);
            if (d != null && (bestDiff == null || d.offset() > bestDiff.offset())) {
                best = e.getKey();
                bestDiff = d;
            }
        }
        if (best == null) {
            Set<String> reasons = new LinkedHashSet<>();
            failures.values().forEach(f -> reasons.add(f.getMessage()));
            return "No language's parser accepts this body: " + String.join("; ", reasons.stream().limit(3).toList()) + ".";
        }
        byte[] closest = encodings.get(best);
        DivergenceExplainer.Explained why = new DivergenceExplainer(closest, sent, bestDiff.offset(), best)
                .inBody(0, closest.length, 0, sent.length);
        return "No profile writes exactly these bytes. The closest is " + best.id() + " (" + best.snippet() + "), which agrees for the first "
                + bestDiff.offset() + " bytes; there " + lowerFirst(why.sentence());
    }

    static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
