package dev.casebook.web.canon;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON endpoints' own size limit holds for every spelling of their paths that reaches them,
 * and is decided from the headers, before any of the body is read.
 */
@QuarkusTest
class JsonBodyLimitTest {

    private static final List<String> PATHS = List.of("/v1/canonical", "/v1/canonical/", "/v1/diagnoses", "/v1/diagnoses/");

    @Test
    void aChunkedBodyWithinTheLimitIsAnsweredOnEverySpellingOfThePath() throws Exception {
        byte[] canonical = CanonResource.CANONICAL_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] diagnosis = CanonResource.DIAGNOSIS_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        for (String path : PATHS) {
            byte[] json = path.startsWith("/v1/canonical") ? canonical : diagnosis;
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                            .header("Content-Type", "application/json")
                            // Unknown length: the client sends the body chunked, without Content-Length.
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path + ": " + response.body());
        }
    }

    /** A chunked body is read no further than one byte past the limit, then refused. */
    @Test
    void aChunkedBodyPastTheLimitIsRefused() throws Exception {
        int limit = 1 << 20;
        for (String path : PATHS) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[limit + 1];
                java.util.Arrays.fill(chunk, (byte) ' ');
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String statusLine = firstLine(socket.getInputStream());
                assertTrue(statusLine.startsWith("HTTP/1.1 413"), path + ": " + statusLine);
            }
        }
    }

    /** Only the headers are sent: the answer must come without waiting for a body that never will. */
    @Test
    void aDeclaredLengthPastTheLimitIsRefusedBeforeTheBody() throws Exception {
        for (String path : PATHS) {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String statusLine = firstLine(socket.getInputStream());
                assertTrue(statusLine.startsWith("HTTP/1.1 413"), path + ": " + statusLine);
            }
        }
    }

    @Test
    void otherEndpointsAreNotHeldToIt() {
        given().get("/v1/info").then().statusCode(200);
        given().get("/v1/profiles").then().statusCode(200);
    }

    private static String firstLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private static String base() {
        return "http://127.0.0.1:" + RestAssured.port;
    }
}
