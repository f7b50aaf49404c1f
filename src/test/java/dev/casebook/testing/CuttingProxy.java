package dev.casebook.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a server, that forwards everything but can cut one
 * connection: the first time a client sends bytes containing {@code marker} (say the request line of
 * an UploadPart, {@code partNumber=2}), those bytes are dropped and the connection is closed, as a
 * network that fails mid-request does. A real fault on the wire, so the code under test and its HTTP
 * client handle it as they would in production.
 */
public final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final byte[] marker;
    private final AtomicInteger cutsLeft;
    private final AtomicInteger seen = new AtomicInteger();

    private CuttingProxy(int targetPort, String marker, int cuts) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.marker = marker.getBytes(StandardCharsets.US_ASCII);
        this.cutsLeft = new AtomicInteger(cuts);
        Thread acceptor = new Thread(this::accept, "cutting-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Forwards to 127.0.0.1:{@code targetPort}, cutting the first connection that sends {@code marker}. */
    public static CuttingProxy cuttingOnce(int targetPort, String marker) throws IOException {
        return new CuttingProxy(targetPort, marker, 1);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** How many times a client sent the marker: the cut attempt and every resend. */
    public int markersSeen() {
        return seen.get();
    }

    public boolean cut() {
        return cutsLeft.get() == 0;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Sockets.daemon(() -> pump(client, server, true), "cutting-proxy-up");
                Sockets.daemon(() -> pump(server, client, false), "cutting-proxy-down");
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (upstream && contains(buffer, n, marker)) {
                    seen.incrementAndGet();
                    if (cutsLeft.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
                        Sockets.closeQuietly(from);
                        Sockets.closeQuietly(to);
                        return;
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // the other direction closed the pair
        } finally {
            Sockets.closeQuietly(from);
            Sockets.closeQuietly(to);
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
