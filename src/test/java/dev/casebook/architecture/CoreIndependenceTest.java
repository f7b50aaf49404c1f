package dev.casebook.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core is plain Java: it never imports the web layer, Quarkus, Jakarta or an HTTP type. */
class CoreIndependenceTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "^import\\s+(static\\s+)?(dev\\.casebook\\.web|io\\.quarkus|jakarta\\.|io\\.vertx|org\\.jboss|io\\.smallrye|io\\.micrometer)",
            Pattern.MULTILINE);

    @Test
    void coreImportsNoFrameworkOrWebType() throws IOException {
        Path core = Path.of("src", "main", "java", "dev", "casebook", "core");
        List<Path> sources;
        try (Stream<Path> files = Files.walk(core)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 20, "the core's sources were found: " + sources.size());
        for (Path source : sources) {
            var m = FORBIDDEN.matcher(Files.readString(source));
            assertTrue(!m.find(), source + " imports " + (m.hitEnd() ? "" : m.group()));
        }
    }
}
