package dev.casebook.core.canon.diagnose;

import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the one or two sentences a person acts on: what happened, and the fix. */
final class Verdict {

    private final DiagnosisRequest request;
    private final List<String> bodyProfiles;
    private final ProfileCatalog catalog;
    private final List<TokenMatch> tokenMatches;
    private final Boolean rawMatches;
    private final String expectedError;
    private final Divergence divergence;

    Verdict(DiagnosisRequest request, List<String> bodyProfiles, ProfileCatalog catalog, List<TokenMatch> tokenMatches,
            Boolean rawMatches, String expectedError, Divergence divergence) {
        this.request = request;
        this.bodyProfiles = bodyProfiles;
        this.catalog = catalog;
        this.tokenMatches = tokenMatches;
        this.rawMatches = rawMatches;
        this.expectedError = expectedError;
        this.divergence = divergence;
    }

    String sentence() {
        EncoderProfile expected = request.expectedProfile();
        String client = bodyProfiles.isEmpty() ? "The sent body was not written by any known encoder"
                : "The sent body was written by " + snippet(bodyProfiles.get(0)) + " (" + String.join(", ", bodyProfiles) + ")";
        String signed = tokenSentence();
        if (expected == null) {
            return client + "." + signed;
        }
        if (expectedError != null) {
            // expectedError names the profile and says what it cannot do: it is the rest of the sentence.
            return client + ", but the server's " + expectedError
                    + ". Sign the raw request bytes on the server instead of re-encoding the parsed body.";
        }
        if (divergence == null) {
            return client + ", and " + expected.id() + " (" + expected.snippet() + ") reproduces the same canonical string." + signed
                    + (Boolean.TRUE.equals(rawMatches) || tokenMatches.stream().anyMatch(m -> m.profile().equals(expected.id())) ? ""
                    : " If the server still refuses it, compare credentials, template and algorithm.");
        }
        String what = client + ", but the server re-encodes it with " + expected.snippet() + " (" + expected.id()
                + "), so the canonical strings part at byte " + divergence.offset() + ": " + Diagnoser.lowerFirst(divergence.explanation());
        return what + " " + fix(expected) + atTheSource(expected);
    }

    /**
     * The language's own switch for the bytes one side adds (spaces, escapes, a newline), from the catalog: the
     * side whose text is the longer where the strings part is the one that writes them. When several encoders could
     * have written the sent body, each one's switch is given.
     */
    private String atTheSource(EncoderProfile expected) {
        int added = divergence.actual().length() - divergence.expected().length();
        if (added > 0) {
            Map<String, String> fixes = new LinkedHashMap<>();
            for (String id : bodyProfiles) {
                EncoderProfile client = catalog.find(id).orElseThrow();
                String fix = client.fix(divergence.cause());
                if (fix != null && !fixes.containsValue(fix)) {
                    fixes.put(client.id() + " (" + client.language().id() + ")", fix);
                }
            }
            if (!fixes.isEmpty()) {
                List<String> each = new ArrayList<>();
                fixes.forEach((who, fix) -> each.add(who + ": " + fix));
                return " Or stop it in the client, " + (each.size() == 1 ? "" : "whichever encoder it is, ") + "with "
                        + String.join("; ", each) + ".";
            }
        } else if (added < 0 && expected.fix(divergence.cause()) != null) {
            return " Or stop it on the server, with " + expected.id() + " (" + expected.language().id() + "): "
                    + expected.fix(divergence.cause()) + ".";
        }
        return "";
    }

    private String tokenSentence() {
        if (request.sentToken() == null || request.sentToken().isBlank()) {
            return "";
        }
        if (tokenMatches.isEmpty()) {
            return " The sent token matches no profile with these credentials and scheme, so the client signed something else.";
        }
        TokenMatch first = tokenMatches.get(0);
        if (Boolean.TRUE.equals(rawMatches)) {
            return " The client signed the bytes it sent (" + first.algorithm() + ", " + first.encoding() + ").";
        }
        return " The sent token is what " + first.profile() + " signs (" + first.algorithm() + ", " + first.encoding() + ").";
    }

    private String fix(EncoderProfile expected) {
        if (divergence.cause().id().startsWith("query")) {
            return "Fix: build the query string on the server from the raw query the client sent, or make both sides use the same encoder "
                    + "(" + expected.language().defaultQueryEncoding().id() + " on the server).";
        }
        for (String id : bodyProfiles) {
            EncoderProfile p = catalog.find(id).orElseThrow();
            if (p.language() == expected.language()) {
                return "Fix: encode with " + p.snippet() + " on the server, which writes exactly these bytes, or better, sign the raw request bytes.";
            }
        }
        return "Fix: sign the raw request bytes on the server instead of re-encoding the parsed body"
                + (bodyProfiles.isEmpty() ? "." : ", or have the client send what " + expected.snippet() + " writes.");
    }

    private String snippet(String id) {
        return catalog.find(id).map(EncoderProfile::snippet).orElse(id);
    }
}
