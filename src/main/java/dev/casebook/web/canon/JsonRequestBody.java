package dev.casebook.web.canon;

import dev.casebook.web.error.Problem;
import dev.casebook.web.error.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Reads a JSON request body, refusing (413) past the configured size without reading it all. */
final class JsonRequestBody {

    private JsonRequestBody() {
    }

    static byte[] read(InputStream in, long contentLength, long limit) {
        if (contentLength > limit) {
            throw tooLarge(limit);
        }
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            if (bytes.length == 0) {
                throw new ProblemException(Problem.of(400, "invalid-request", "The request is not valid",
                        "the request has no body; send a JSON object (see /q/openapi)"));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.of(413, "request-too-large", "The request is too large",
                "requests to this endpoint may be at most " + limit + " bytes (casebook.canonical.max-request-size)")
                .withContext(Map.of("limit", limit)));
    }
}
