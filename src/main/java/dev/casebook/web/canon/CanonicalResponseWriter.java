package dev.casebook.web.canon;

import dev.casebook.core.canon.encode.ByteSink;
import dev.casebook.core.canon.encode.EncodingRules;
import dev.casebook.core.canon.encode.FlatObjectWriter;
import dev.casebook.core.canon.profile.ProfileCatalog;
import dev.casebook.core.canon.signing.CanonicalResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes a {@link CanonicalResponse} as JSON straight from the result's bytes: the same bytes the
 * service's Jackson mapper writes for {@link CanonicalResponse#of}, without decoding the encoded
 * body and canonical string to UTF-16 and encoding them back. That round trip and the bean
 * serializer were a third of the service's own work per request.
 *
 * <p>The mapper writes as the {@code jackson} profile does ({@code writeValueAsBytes}), so the core
 * writer with that profile's rules gives its bytes; ill-formed bytes take the {@code *Base64} twins
 * with a replacement-char text, as {@link CanonicalResponse#of} does. {@code CanonicalResponseWriterTest}
 * holds this to the service's own mapper.
 */
final class CanonicalResponseWriter {

    private static final EncodingRules JACKSON = new ProfileCatalog().find("jackson").orElseThrow().encoding();

    /**
     * Each thread writes its responses in one sink kept between requests, and only the exact answer
     * is a new array: the working buffer was a tenth of all the service allocated per request. One
     * that grew past {@link #KEPT_BUFFER} for a large body is not kept, and one that is kept is
     * cleared after each use, since the canonical string holds the auth token.
     */
    private static final ThreadLocal<ByteSink> SINKS = ThreadLocal.withInitial(CanonicalResponseWriter::newSink);
    private static final int KEPT_BUFFER = 256 * 1024;

    private CanonicalResponseWriter() {
    }

    private static ByteSink newSink() {
        return new ByteSink(8 * 1024);
    }

    static byte[] write(CanonicalResult r) {
        ByteSink sink = SINKS.get();
        try {
            FlatObjectWriter w = new FlatObjectWriter(JACKSON, sink);
            w.text("profile", r.profile().id());
            w.text("language", r.profile().language().id());
            bytes(w, "encodedBody", "encodedBodyBase64", r.encodedBody());
            w.text("encodedQuery", r.encodedQuery());
            w.text("queryEncoding", r.queryEncoding().id());
            // Usually the encoded body with credentials and query around it: its body spans are copied already escaped.
            if (!w.utf8Repeating("canonicalString", r.canonical().bytes(), r.canonical().bodySpans(), r.encodedBody())) {
                twins(w, "canonicalString", "canonicalStringBase64", r.canonical().bytes());
            }
            w.text("token", r.token());
            w.text("algorithm", r.scheme().algorithm().id());
            w.text("encoding", r.scheme().encoding().id());
            w.text("template", r.scheme().template());
            w.close();
            return sink.toByteArray();
        } finally {
            sink.clear();
            if (sink.capacity() > KEPT_BUFFER) {
                SINKS.set(newSink());
            }
        }
    }

    /** Bytes as a text member when they are well-formed UTF-8, else as {@link #twins}. */
    private static void bytes(FlatObjectWriter w, String name, String base64Name, byte[] value) {
        if (!w.utf8(name, value)) {
            twins(w, name, base64Name, value);
        }
    }

    /** The replacement-char text, and the exact bytes in base64 beside it. */
    private static void twins(FlatObjectWriter w, String name, String base64Name, byte[] value) {
        w.text(name, new String(value, StandardCharsets.UTF_8));
        w.text(base64Name, Base64.getEncoder().encodeToString(value));
    }
}
