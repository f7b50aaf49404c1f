package dev.casebook.core.canon.signing;

import dev.casebook.core.canon.encode.JsonEncoder;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.encode.PortableTranscoder;
import dev.casebook.core.canon.json.JsonParser;
import dev.casebook.core.canon.json.JsonSyntaxException;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.json.NestingTooDeepException;
import dev.casebook.core.canon.json.ParseRules;
import dev.casebook.core.canon.json.UnmodelledInputException;
import dev.casebook.core.canon.json.PortableScan;
import dev.casebook.core.canon.json.PortableTree;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.query.QueryEncoding;
import dev.casebook.core.canon.query.QueryPair;
import java.util.List;

/**
 * Computes, for a body, credentials and an encoder profile, the exact bytes that profile's
 * language would write, the canonical string the scheme builds from them, and its token.
 *
 * <p>Contract: the body is the bytes a client held or sent (or null for no body); the answer is
 * deterministic. A body the language would refuse gives {@link LanguageFailure}; a body nested
 * deeper than the service allows (before the language's own limit) gives
 * {@link BodyTooDeepException}. Linear in the body size. Thread-safe.
 */
public final class Canonicalizer {

    private final int serviceMaxDepth;

    public Canonicalizer(int serviceMaxDepth) {
        this.serviceMaxDepth = serviceMaxDepth;
    }

    /** The body as {@code profile}'s language would re-encode it; empty for no body. */
    public byte[] encodeBody(EncoderProfile profile, byte[] body) throws LanguageFailure, BodyTooDeepException {
        if (body == null) {
            return new byte[0];
        }
        if (profile.isRaw()) {
            return body;
        }
        JsonValue tree = parse(profile, body);
        return JsonEncoder.encode(tree, profile.encoding(), sizeHint(body));
    }

    /**
     * The body's tree when every language would read it alike ({@link PortableTree}), so that
     * profiles can encode it instead of each parsing the bytes again; null when they would not,
     * or when it is not strict JSON.
     */
    public JsonValue portableTree(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            JsonParser.Document document = JsonParser.parseDocument(body, ParseRules.strict(serviceMaxDepth));
            return PortableTree.check(document.extent(), document.value()) ? document.value() : null;
        } catch (JsonSyntaxException | NestingTooDeepException notStrict) {
            return null;
        }
    }

    /** As {@link #encodeBody(EncoderProfile, byte[])}, encoding {@code portable} (from {@link #portableTree}) when given. */
    public byte[] encodeBody(EncoderProfile profile, byte[] body, JsonValue portable) throws LanguageFailure, BodyTooDeepException {
        if (portable == null || profile.isRaw() || profile.parse().rewritesValues()) {
            return encodeBody(profile, body);
        }
        return JsonEncoder.encode(portable, profile.encoding(), sizeHint(body));
    }

    /**
     * As {@link #encodeBody(EncoderProfile, byte[])}, for a body the caller has found portable
     * ({@link PortableScan}): written straight from its bytes where the profile can take it so,
     * else from its strict tree. Either way the same bytes as parsing it under the language's rules.
     */
    public byte[] encodePortableBody(EncoderProfile profile, byte[] body) throws LanguageFailure, BodyTooDeepException {
        if (profile.isRaw()) {
            return body;
        }
        if (profile.parse().rewritesValues()) {
            return encodeBody(profile, body); // its reader must see the text: see ParseRules.rewritesValues
        }
        byte[] streamed = PortableTranscoder.transcode(body, profile.encoding(), sizeHint(body));
        return streamed != null ? streamed : encodeBody(profile, body, portableTree(body));
    }

    /** Room for the body re-encoded with some growth (escaped non-ASCII, added spaces), so the output rarely grows. */
    private static int sizeHint(byte[] body) {
        return body.length + body.length / 4 + 16;
    }

    /** The tree {@code profile}'s language would hold after parsing {@code body}. */
    public JsonValue parse(EncoderProfile profile, byte[] body) throws LanguageFailure, BodyTooDeepException {
        ParseRules language = profile.parse();
        boolean serviceLimitFirst = serviceMaxDepth < language.maxDepth();
        ParseRules rules = serviceLimitFirst ? language.withMaxDepth(serviceMaxDepth) : language;
        try {
            return JsonParser.parse(body, rules);
        } catch (JsonSyntaxException e) {
            throw LanguageFailure.parse(e.reason(), e.offset());
        } catch (UnmodelledInputException e) {
            throw LanguageFailure.unavailable(e.getMessage());
        } catch (NestingTooDeepException e) {
            if (serviceLimitFirst) {
                throw new BodyTooDeepException(serviceMaxDepth, e.offset());
            }
            throw LanguageFailure.parse("nesting deeper than " + e.limit() + " levels, the most this language's parser accepts",
                    e.offset());
        }
    }

    /**
     * The canonical string and token for a body as the profile's language encodes it. A body the caller
     * found portable already ({@link PortableScan}, {@code portableBody}) is written from its bytes
     * ({@link #encodePortableBody}) instead of parsed as the language would: the answer is the same.
     */
    public CanonicalResult canonicalize(EncoderProfile profile, Credentials credentials, byte[] body, boolean portableBody,
                                        List<QueryPair> query, QueryEncoding queryEncoding, SigningScheme scheme)
            throws LanguageFailure, BodyTooDeepException {
        byte[] encodedBody = body != null && portableBody ? encodePortableBody(profile, body) : encodeBody(profile, body);
        QueryEncoding qe = queryEncoding != null ? queryEncoding : profile.language().defaultQueryEncoding();
        String encodedQuery = qe.encode(query);
        return sign(profile, qe, credentials, encodedBody, encodedQuery, scheme);
    }

    /** Signs bytes that are already encoded, as they are. */
    public CanonicalResult sign(EncoderProfile profile, QueryEncoding queryEncoding, Credentials credentials,
                                byte[] encodedBody, String encodedQuery, SigningScheme scheme) {
        SigningScheme.Canonical canonical = scheme.render(credentials.customerId(), credentials.authToken(), encodedBody,
                encodedQuery);
        String token = scheme.token(canonical.bytes(), credentials.hmacKey());
        return new CanonicalResult(profile, queryEncoding, encodedBody, encodedQuery, canonical, token, scheme);
    }
}
