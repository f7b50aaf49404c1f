package dev.casebook.architecture;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core is plain Java: it never imports the web layer, Quarkus, Jakarta or an HTTP type, and every
 * library it does import is one the pom declares for it.
 */
class CoreIndependenceTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(dev\\.casebook\\.web|io\\.quarkus|jakarta\\.|io\\.vertx|org\\.jboss|io\\.smallrye|io\\.micrometer)",
            Pattern.MULTILINE);

    /** The libraries the core may use, by package, with the artifact the pom must declare for each. */
    private static final Map<String, String> LIBRARIES = Map.of(
            "com.carrotsearch.hppc", "<artifactId>hppc</artifactId>",
            "com.fasterxml.jackson.core", "<artifactId>jackson-core</artifactId>");

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    private static List<Path> coreSources() throws IOException {
        Path core = Path.of("src", "main", "java", "dev", "casebook", "core");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(core)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 20, "the core's sources were found: " + sources.size());
        return sources;
    }

    /** A library that arrives only through a web dependency would vanish from the core's classpath with it. */
    @Test
    void everyLibraryTheCoreImportsIsDeclaredInThePom() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        for (Path source : coreSources()) {
            Matcher m = IMPORT.matcher(Files.readString(source));
            while (m.find()) {
                String imported = m.group(1);
                if (imported.startsWith("java.") || imported.startsWith("javax.crypto.")
                        || imported.startsWith("dev.casebook.core.")) {
                    continue;
                }
                String library = LIBRARIES.keySet().stream().filter(imported::startsWith).findFirst().orElse(null);
                assertNotNull(library, source + " imports " + imported + ", which is no library the core may use");
                assertTrue(pom.contains(LIBRARIES.get(library)), "pom.xml must declare " + LIBRARIES.get(library)
                        + " for " + source);
            }
        }
    }

    @Test
    void coreImportsNoFrameworkOrWebType() throws IOException {
        for (Path source : coreSources()) {
            var m = FORBIDDEN.matcher(Files.readString(source));
            assertTrue(!m.find(), source + " imports " + (m.hitEnd() ? "" : m.group()));
        }
    }
}
