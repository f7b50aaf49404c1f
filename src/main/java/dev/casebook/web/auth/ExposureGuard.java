package dev.casebook.web.auth;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Heap dumps hold whatever a process held. Without API keys Casebook answers anyone who can reach
 * it, which is only acceptable while it listens on loopback.
 */
public final class ExposureGuard {

    private ExposureGuard() {
    }

    /**
     * Stops the start when the service would be exposed without keys. A configuration error is what
     * Quarkus reports as its message alone, one line on standard error, rather than a stack trace
     * that buries the reason.
     */
    public static void check(String host, boolean keysConfigured) {
        String refusal = refusal(host, keysConfigured);
        if (refusal != null) {
            throw new ConfigurationException(refusal);
        }
    }

    /** Why the service must not start, or null when it may. */
    public static String refusal(String host, boolean keysConfigured) {
        if (keysConfigured || isLoopback(host)) {
            return null;
        }
        return "Casebook is configured to listen on " + host + " but has no API keys (casebook.auth.keys-file):"
                + " anyone who can reach it could read every heap dump and use every token sent to it."
                + " Configure API keys, or listen on 127.0.0.1 (casebook.http.host).";
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = host.strip();
        if (h.equals("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a name other than localhost may resolve to anything
        }
        try {
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
