package dev.casebook.core.canon.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.testing.Oracles;
import dev.casebook.testing.Prerequisites;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each query encoder against the reference table (vectors/query/table.txt) and, live, against the
 * real function of its language on generated names and values.
 */
class QueryEncodingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final Path WORK = Path.of("target", "oracles").toAbsolutePath();
    private static final Map<String, QueryEncoding> TABLE_ROWS = Map.of(
            "py urlencode (quote_plus)", QueryEncoding.PYTHON_URLENCODE,
            "js URLSearchParams", QueryEncoding.JS_URLSEARCHPARAMS,
            "js encodeURIComponent", QueryEncoding.JS_ENCODE_URI_COMPONENT,
            "js RFC3986 (eURIC + !'()*)", QueryEncoding.RFC3986,
            "php rawurlencode", QueryEncoding.RFC3986,
            "php http_build_query", QueryEncoding.PHP_HTTP_BUILD_QUERY,
            "go url.Values.Encode", QueryEncoding.GO_VALUES_ENCODE,
            "ruby URI.encode_www_form", QueryEncoding.RUBY_ENCODE_WWW_FORM,
            "java URLEncoder.encode", QueryEncoding.JAVA_URLENCODER);

    private static List<List<QueryPair>> cases;

    @BeforeAll
    static void generate() throws Exception {
        Files.createDirectories(WORK);
        SplittableRandom random = new SplittableRandom(SEED);
        String[] atoms = {" ", "+", "~", "*", "'", "!", "(", ")", "/", ":", "@", ",", ";", "=", "&", "?", "#", "%", "[", "]", "-", ".",
            "_", "é", "☃", "😀", "\n", "\t", "\u2028", "a", "Z", "0", "\"", "<", ">", "^", "`", "{", "|", "}", "$", "\\"};
        cases = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            List<QueryPair> pairs = new ArrayList<>();
            Set<String> names = new HashSet<>();
            int n = random.nextInt(4);
            while (pairs.size() < n) {
                String name = word(random, atoms);
                if (names.add(name)) { // PHP arrays cannot hold a name twice
                    pairs.add(new QueryPair(name, word(random, atoms)));
                }
            }
            cases.add(pairs);
        }
    }

    private static String word(SplittableRandom random, String[] atoms) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(atoms[random.nextInt(atoms.length)]);
        }
        return b.toString();
    }

    @Test
    void matchesTheReferenceTable() throws Exception {
        List<String> lines;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("vectors/query/table.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> inputs = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(lines.get(0));
        while (m.find()) {
            inputs.add(m.group(1).replace("\\n", "\n"));
        }
        assertEquals(23, inputs.size(), "inputs of the table");
        int checked = 0;
        for (String line : lines) {
            for (Map.Entry<String, QueryEncoding> row : TABLE_ROWS.entrySet()) {
                if (line.startsWith(row.getKey() + " ")) {
                    String[] outputs = line.substring(row.getKey().length()).trim().split("\\s+");
                    assertEquals(inputs.size(), outputs.length, row.getKey());
                    for (int i = 0; i < inputs.size(); i++) {
                        assertEquals(outputs[i], escaped(row.getValue(), inputs.get(i)), row.getKey() + " on " + inputs.get(i));
                        checked++;
                    }
                }
            }
        }
        assertEquals(TABLE_ROWS.size() * inputs.size(), checked);
        assertEquals("b=1&a=2", QueryEncoding.PYTHON_URLENCODE.encode(List.of(new QueryPair("b", "1"), new QueryPair("a", "2"))));
        assertEquals("a=2&b=1", QueryEncoding.GO_VALUES_ENCODE.encode(List.of(new QueryPair("b", "1"), new QueryPair("a", "2"))));
    }

    @Test
    void python() throws Exception {
        Oracles.require("python3", "the machine's python3");
        compare(List.of("python3", Oracles.script("query_oracle.py", WORK).toString()));
    }

    @Test
    void node() throws Exception {
        Oracles.require("node", "apt-get install nodejs");
        compare(List.of("node", Oracles.script("query_oracle.mjs", WORK).toString()));
    }

    @Test
    void php() throws Exception {
        Oracles.require("php", "apt-get install php-cli");
        compare(List.of("php", "-n", Oracles.script("query_oracle.php", WORK).toString()));
    }

    @Test
    void ruby() throws Exception {
        Oracles.require("ruby", "apt-get install ruby");
        compare(List.of("ruby", Oracles.script("query_oracle.rb", WORK).toString()));
    }

    @Test
    void go() throws Exception {
        Oracles.require("go", "apt-get install golang-go");
        compare(List.of("go", "run", Oracles.script("query_oracle.go", WORK).toString()), Oracles.goEnvironment(WORK));
    }

    @Test
    void awsSigV4AgainstBotocore() throws Exception {
        Oracles.require("python3", "the machine's python3");
        if (Oracles.output("python3", "-c", "import botocore.auth") == null) {
            Prerequisites.missing("python3 cannot import botocore, so aws-sigv4 is checked against @smithy/signature-v4 only. "
                    + "Install it: pip install botocore");
        }
        compare(List.of("python3", Oracles.script("query_oracle.py", WORK).toString(), "aws"));
    }

    /** axios's params and @smithy/signature-v4's canonical query, from npm at pinned versions. */
    @Test
    void axiosAndSmithy() throws Exception {
        Oracles.require("node", "apt-get install nodejs");
        Path modules = Oracles.npmPackages(WORK.resolve("node-query"), "axios@1.21.1", "@smithy/signature-v4@5.7.5");
        compare(List.of("node", Oracles.script("query_libraries.mjs", WORK).toString(), modules.resolve("axios").toString(),
                modules.resolve("@smithy/signature-v4").toString()));
    }

    /**
     * OkHttp 5.5.1 (with okio and the Kotlin runtime) and Spring 6.2.19's web and core, which the build copies
     * to target/oracles-lib, in a JVM of their own.
     */
    @Test
    void okhttpAndSpring() throws Exception {
        Path lib = Path.of("target", "oracles-lib").toAbsolutePath();
        List<Path> jars = java.util.stream.Stream.of("okhttp", "okio", "kotlin-stdlib", "spring-web", "spring-core", "spring-jcl")
                .map(name -> lib.resolve(name + ".jar")).toList();
        if (!jars.stream().allMatch(Files::exists)) {
            Prerequisites.missing(jars + " are missing: the build copies them (./mvnw generate-test-resources)");
        }
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        compare(List.of(launcher, "-cp", jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                Oracles.script("JavaQueryOracle.java", WORK).toString()));
    }

    @Test
    void javaUrlEncoder() {
        for (List<QueryPair> pairs : cases) {
            String expected = pairs.stream().map(p -> URLEncoder.encode(p.name(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(p.value(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            assertEquals(expected, QueryEncoding.JAVA_URLENCODER.encode(pairs), pairs.toString());
        }
    }

    private static void compare(List<String> command) throws Exception {
        compare(command, Map.of());
    }

    private static void compare(List<String> command, Map<String, String> env) throws Exception {
        List<byte[]> inputs = new ArrayList<>();
        for (List<QueryPair> pairs : cases) {
            List<List<String>> raw = pairs.stream().map(p -> List.of(p.name(), p.value())).toList();
            inputs.add(JSON.writeValueAsBytes(raw));
        }
        List<JsonNode> results = Oracles.run(command, env, inputs, WORK);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < cases.size(); i++) {
            for (var it = results.get(i).fields(); it.hasNext(); ) {
                var e = it.next();
                String ours = QueryEncoding.fromId(e.getKey()).encode(cases.get(i));
                compared++;
                if (!ours.equals(e.getValue().asText())) {
                    mismatches.add(e.getKey() + " on " + cases.get(i) + ": real " + e.getValue().asText() + ", Casebook " + ours);
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + compared + " differ (seed " + SEED + "):\n  " + String.join("\n  ", mismatches.subList(0, Math.min(10, mismatches.size()))));
        }
        assertTrue(compared >= cases.size());
    }

    /** A value as the encoding escapes it: the pair {@code v=value}, without its name. */
    private static String escaped(QueryEncoding encoding, String value) {
        return encoding.encode(List.of(new QueryPair("v", value))).substring(2);
    }
}
