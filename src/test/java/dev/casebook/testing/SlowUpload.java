package dev.casebook.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Uploads a dump slowly (64 KiB every 8 ms), counting what was sent, so that a test can kill the service
 * while the body is a known share of the way in. A connection that dies under it is the point, not an error.
 */
public final class SlowUpload {

    private SlowUpload() {
    }

    public static void post(String url, Path dump, AtomicLong sent) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(Files.size(dump));
            c.setRequestProperty("Content-Type", "application/octet-stream");
            try (InputStream in = Files.newInputStream(dump); OutputStream out = c.getOutputStream()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    sent.addAndGet(n);
                    Thread.sleep(8);
                }
            }
            c.getResponseCode();
        } catch (IOException | InterruptedException expected) {
            // The service died under it.
        }
    }
}
