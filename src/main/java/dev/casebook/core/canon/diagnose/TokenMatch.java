package dev.casebook.core.canon.diagnose;

/** A profile whose canonical string, signed this way, gives the token the client sent. */
public record TokenMatch(String profile, String algorithm, String encoding, String queryEncoding) {
}
