package dev.casebook.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The real third-party dumps under src/test/resources/hprof (see the NOTICE there). */
public final class TestDumps {

    private TestDumps() {
    }

    public static Path path(String fileName) {
        URL url = TestDumps.class.getResource("/hprof/" + fileName);
        if (url == null) {
            throw new IllegalArgumentException("no test dump " + fileName);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
