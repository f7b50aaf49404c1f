package dev.casebook.web.auth;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExposureGuardTest {

    @Test
    void withoutKeysOnlyLoopbackIsAllowed() {
        for (String loopback : new String[] {"127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"}) {
            assertNull(ExposureGuard.refusal(loopback, false), loopback);
        }
        for (String exposed : new String[] {"0.0.0.0", "::", "10.1.2.3", "casebook.internal", "", "192.168.0.7"}) {
            String refusal = ExposureGuard.refusal(exposed, false);
            assertTrue(refusal != null && refusal.contains("casebook.auth.keys-file") && refusal.contains("127.0.0.1"), exposed);
        }
    }

    @Test
    void theRefusalIsAConfigurationErrorInOneLine() {
        // Quarkus prints a configuration error as its message alone, without a stack trace.
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.quarkus.runtime.configuration.ConfigurationException.class,
                () -> ExposureGuard.check("0.0.0.0", false));
        assertTrue(e.getMessage().startsWith("Casebook is configured to listen on 0.0.0.0 but has no API keys"), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        ExposureGuard.check("127.0.0.1", false);
        ExposureGuard.check("0.0.0.0", true);
    }

    @Test
    void withKeysAnyAddressIsAllowed() {
        assertNull(ExposureGuard.refusal("0.0.0.0", true));
    }
}
