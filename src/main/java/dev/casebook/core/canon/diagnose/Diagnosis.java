package dev.casebook.core.canon.diagnose;

import java.util.List;

/**
 * What Casebook concludes about a request the server refused.
 *
 * @param bodyProfiles   profiles whose re-encoding of the sent body reproduces it byte for byte
 * @param bodyNote       when none does: what is unusual about the body (the closest profile and where it parts)
 * @param tokenMatches   profiles (with algorithm and encoding) whose token equals the sent one
 * @param rawBodyMatches whether signing the sent bytes as they are gives the sent token; null without a token
 * @param expectedError  when the expected profile's language cannot even read the sent body, why
 * @param divergence     where the expected canonical string parts from the sent one, if it does
 * @param verdict        one or two sentences naming the fix
 */
public record Diagnosis(List<String> bodyProfiles, String bodyNote, List<TokenMatch> tokenMatches, Boolean rawBodyMatches,
                        String expectedError, Divergence divergence, String verdict) {
}
