package dev.casebook.testing;

import java.io.IOException;
import java.net.Socket;

/** What the tests' TCP proxies share: closing without caring why it failed, and threads that never hold the JVM. */
final class Sockets {

    private Sockets() {
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is being torn down either way
        }
    }

    static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
