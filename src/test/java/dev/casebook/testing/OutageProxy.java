package dev.casebook.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on a free loopback port in front of a server, that forwards everything until it is told the
 * server is down ({@code down} set): then the open connections are cut (within {@link #WATCH_MILLIS}) and
 * every new one is closed as soon as it is accepted, as when the server has gone away, until {@code down}
 * is cleared. The flag is a JDK type so that a test in another class loader (Quarkus's) can flip it.
 */
public final class OutageProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicBoolean down;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** How often the flag is looked at to cut the open connections. */
    public static final long WATCH_MILLIS = 20;

    public OutageProxy(int targetPort, AtomicBoolean down) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.down = down;
        Sockets.daemon(this::accept, "outage-proxy-accept");
        Sockets.daemon(this::watch, "outage-proxy-watch");
    }

    private void watch() {
        while (!listener.isClosed()) {
            if (down.get()) {
                open.forEach(Sockets::closeQuietly);
            }
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down.get()) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                Sockets.daemon(() -> pump(client, server), "outage-proxy-up");
                Sockets.daemon(() -> pump(server, client), "outage-proxy-down");
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // the other direction closed the pair
        } finally {
            Sockets.closeQuietly(from);
            Sockets.closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(Sockets::closeQuietly);
    }
}
