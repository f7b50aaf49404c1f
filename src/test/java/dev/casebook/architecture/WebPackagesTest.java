package dev.casebook.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The web layer's packages depend on each other one way only, and HTTP is decided at the boundary:
 * the job runner and the upload intake raise domain exceptions, never a status or a header.
 */
class WebPackagesTest {

    private static final Path WEB = Path.of("src", "main", "java", "dev", "casebook", "web");
    /** An import or a fully qualified use of another web package's type. */
    private static final Pattern WEB_REFERENCE = Pattern.compile("dev\\.casebook\\.web\\.([a-z]+)\\.[A-Z]");

    @Test
    void noTwoWebPackagesDependOnEachOther() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(WEB)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String own = WEB.relativize(source.getParent()).toString().replace('/', '.');
                Set<String> used = uses.computeIfAbsent(own, k -> new TreeSet<>());
                Matcher m = WEB_REFERENCE.matcher(Files.readString(source));
                while (m.find()) {
                    if (!m.group(1).equals(own)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(uses.size() > 5, "the web packages were found: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        for (String from : uses.keySet()) {
            for (String to : uses.get(from)) {
                if (from.compareTo(to) < 0 && reaches(uses, to, from, new TreeSet<>())) {
                    cycles.add(from + " <-> " + to);
                }
            }
        }
        assertEquals(List.of(), cycles, "package dependencies: " + uses);
    }

    private static boolean reaches(Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : uses.getOrDefault(from, Set.of())) {
            if (reaches(uses, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theRunnerAndTheIntakeSpeakNoHttp() throws IOException {
        Pattern http = Pattern.compile("dev\\.casebook\\.web\\.error|jakarta\\.ws\\.rs|Retry-After|Connection|\\b4[0-9][0-9]\\b|\\b50[0-9]\\b");
        for (String name : List.of("JobRunner.java", "DumpIntake.java")) {
            String source = Files.readString(WEB.resolve("jobs").resolve(name));
            Matcher m = http.matcher(source);
            assertTrue(!m.find(), name + " mentions " + (m.hitEnd() ? "" : m.group()));
        }
    }
}
