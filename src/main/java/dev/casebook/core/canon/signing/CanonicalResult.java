package dev.casebook.core.canon.signing;

import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.query.QueryEncoding;

/**
 * What a client encoding with {@code profile} would sign.
 *
 * @param encodedBody   the body bytes the profile's encoder writes (empty when there is no body)
 * @param encodedQuery  the query string the query encoder writes
 * @param canonical     the template rendered with both
 * @param token         the canonical string's digest or HMAC, encoded
 */
public record CanonicalResult(
        EncoderProfile profile,
        QueryEncoding queryEncoding,
        byte[] encodedBody,
        String encodedQuery,
        SigningScheme.Canonical canonical,
        String token,
        SigningScheme scheme) {
}
