package dev.casebook.core.canon.diagnose;

import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.query.QueryEncoding;
import dev.casebook.core.canon.query.QueryPair;
import dev.casebook.core.canon.signing.Credentials;
import dev.casebook.core.canon.signing.SigningScheme;
import dev.casebook.core.canon.signing.TokenAlgorithm;
import dev.casebook.core.canon.signing.TokenEncoding;
import java.util.List;

/**
 * What a client actually sent, and what the server expected.
 *
 * @param sentBody        the body bytes exactly as sent
 * @param sentToken       the token the client sent, or null
 * @param query           the query pairs, encoded per profile when building canonical strings
 * @param sentQuery       the query string exactly as the client signed it, or null when unknown
 * @param expectedProfile the profile the server re-encodes with, or null
 * @param template        the signing template
 * @param algorithm       the algorithm, or null to try them all when matching the token
 * @param encoding        the token encoding, or null to try them all
 * @param queryEncoding   a query encoder to use for every profile, or null for each profile's own
 */
public record DiagnosisRequest(
        Credentials credentials,
        byte[] sentBody,
        String sentToken,
        List<QueryPair> query,
        String sentQuery,
        EncoderProfile expectedProfile,
        String template,
        TokenAlgorithm algorithm,
        TokenEncoding encoding,
        QueryEncoding queryEncoding) {

    /** The scheme used for canonical strings: the given algorithm and encoding, or the defaults. */
    public SigningScheme scheme() {
        return new SigningScheme(template, algorithm != null ? algorithm : TokenAlgorithm.SHA256,
                encoding != null ? encoding : TokenEncoding.HEX);
    }
}
