package dev.casebook.web.jobs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/** Small helpers the job API tests share: upload, poll until final, gzip a file. */
public final class JobsApi {

    private static final Set<String> FINAL = Set.of("succeeded", "failed", "cancelled");

    private JobsApi() {
    }

    static Response upload(Path dump, String query) {
        return given().contentType("application/octet-stream").body(dump.toFile())
                .when().post("/v1/jobs" + (query.isEmpty() ? "" : "?" + query));
    }

    static String submit(Path dump, String query) {
        Response r = upload(dump, query);
        if (r.statusCode() != 202) {
            fail("upload answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath().getString("id");
    }

    public static JsonPath awaitFinal(String id) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonPath job = given().when().get("/v1/jobs/" + id).then().statusCode(200).extract().jsonPath();
            if (FINAL.contains(job.getString("state"))) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("job " + id + " did not finish in 120 s");
    }

    static Path gzip(Path source, Path target) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        }
        return target;
    }

    /**
     * Sends only the request line and headers of an upload that announces {@code contentLength} bytes, and
     * returns the status line: an answer that comes at all was decided before a byte of the body was read.
     */
    static String statusLineBeforeTheBody(String pathAndQuery, String contentType, long contentLength) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            java.io.InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
