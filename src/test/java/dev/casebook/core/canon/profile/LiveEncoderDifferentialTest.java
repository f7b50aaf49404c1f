package dev.casebook.core.canon.profile;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.signing.Canonicalizer;
import dev.casebook.testing.LenientJsonBodies;
import dev.casebook.testing.Oracles;
import dev.casebook.testing.Prerequisites;
import dev.casebook.testing.RandomJsonBodies;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test against the real encoders: thousands of generated bodies per run go through
 * python3, node, php, ruby, go and Jackson (on JDK 17 and on JDK 19+) and through Casebook's
 * profiles; every output must be the same bytes, and every failure a failure at the same stage.
 *
 * <p>The seed is new each run and printed on failure; rerun one with
 * {@code -Dfuzz.seed=N}. {@code -Dfuzz.bodies=N} sets the count.
 */
class LiveEncoderDifferentialTest {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int COUNT = Integer.getInteger("fuzz.bodies", 2500);
    private static final ProfileCatalog CATALOG = new ProfileCatalog();
    private static final Canonicalizer CANON = new Canonicalizer(100_000);
    private static final Path WORK = Path.of("target", "oracles").toAbsolutePath();

    private static List<byte[]> bodies;
    /** The generated bodies and a lenient rewrite of each, for the Java libraries' lenient readers. */
    private static List<byte[]> lenientToo;

    @BeforeAll
    static void generate() throws IOException {
        Files.createDirectories(WORK);
        bodies = new RandomJsonBodies(SEED).next(COUNT);
        lenientToo = new ArrayList<>(bodies);
        lenientToo.addAll(new LenientJsonBodies(SEED).rewrite(bodies));
    }

    @Test
    void python() throws Exception {
        Oracles.require("python3", "the machine's python3");
        Path script = Oracles.script("python_oracle.py", WORK);
        compare("python3", Oracles.run(List.of("python3", script.toString()), Map.of(), bodies, WORK), UnaryOperator.identity());
    }

    @Test
    void node() throws Exception {
        Oracles.require("node", "apt-get install nodejs");
        Path modules = Oracles.npmPackages(WORK.resolve("node"), "canonicalize@5.1.0", "fast-json-stable-stringify@2.1.0");
        Path canonicalize = modules.resolve("canonicalize/lib/canonicalize.js");
        Path stableStringify = modules.resolve("fast-json-stable-stringify/index.js");
        Path script = Oracles.script("node_oracle.mjs", WORK);
        compare("node", Oracles.run(List.of("node", script.toString(), canonicalize.toString(), stableStringify.toString()),
                Map.of(), bodies, WORK), UnaryOperator.identity());
    }

    @Test
    void php() throws Exception {
        Oracles.require("php", "apt-get install php-cli");
        Path script = Oracles.script("php_oracle.php", WORK);
        compare("php", Oracles.run(List.of("php", "-n", script.toString()), Map.of(), bodies, WORK), UnaryOperator.identity());
    }

    @Test
    void ruby() throws Exception {
        Oracles.require("ruby", "apt-get install ruby");
        Path script = Oracles.script("ruby_oracle.rb", WORK);
        compare("ruby", Oracles.run(List.of("ruby", script.toString()), Map.of(), bodies, WORK), UnaryOperator.identity());
    }

    @Test
    void rails() throws Exception {
        Path script = rubyWith("active_support/json", "ActiveSupport", "rails-json", "ruby-activesupport");
        compare("ruby + activesupport", Oracles.run(List.of("ruby", script.toString(), "rails"), Map.of(), bodies, WORK),
                UnaryOperator.identity());
    }

    @Test
    void rubyOj() throws Exception {
        Path script = rubyWith("oj", "Oj", "ruby-oj", "ruby-oj");
        // With the lenient rewrites too: Oj reads comments, leading zeros and raw control characters.
        compare("ruby + oj " + Oracles.output("ruby", "-roj", "-e", "print Oj::VERSION"), lenientToo,
                Oracles.run(List.of("ruby", script.toString(), "oj"), Map.of(), lenientToo, WORK), UnaryOperator.identity(),
                id -> CATALOG.find(id).orElseThrow());
    }

    /** The Ruby oracle script, once ruby can load {@code library} (a Debian package's gem); else skipped loudly, or failed under CI. */
    private static Path rubyWith(String library, String name, String profile, String debianPackage) throws IOException {
        Oracles.require("ruby", "apt-get install ruby");
        if (Oracles.output("ruby", "-e", "require '" + library + "'") == null) {
            Prerequisites.missing("ruby cannot load " + name + ", so " + profile + " is not checked live. Install it: apt-get install "
                    + debianPackage);
        }
        return Oracles.script("ruby_oracle.rb", WORK);
    }

    /**
     * Newtonsoft.Json 6.0.8 from Debian's libnewtonsoft-json-cil-dev on Mono, compiled with mcs into target/oracles
     * once, run with TZ=UTC (the profile models a client in UTC: Newtonsoft moves date offsets into the local zone).
     */
    @Test
    void newtonsoft() throws Exception {
        Oracles.require("mono", "apt-get install mono-runtime mono-mcs libnewtonsoft-json-cil-dev");
        Oracles.require("mcs", "apt-get install mono-mcs");
        Path library = Path.of("/usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll");
        if (!Files.exists(library)) {
            Prerequisites.missing(library + " is missing, so newtonsoft is not checked live. Install it: apt-get install "
                    + "libnewtonsoft-json-cil-dev");
        }
        Path source = Oracles.script("NewtonsoftOracle.cs", WORK);
        Path binary = WORK.resolve("newtonsoft_oracle.exe");
        if (!Files.exists(binary) || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
            String log = Oracles.output("mcs", "-r:" + library, "-out:" + binary, source.toString());
            assertTrue(log != null, "mcs could not build the Newtonsoft oracle");
        }
        compare("Newtonsoft.Json 6.0.8 on mono", lenientToo,
                Oracles.run(List.of("mono", binary.toString()), Map.of("TZ", "UTC"), lenientToo, WORK), UnaryOperator.identity(),
                id -> CATALOG.find(id).orElseThrow());
    }

    /** serde_json from Debian's librust-serde-json-dev, built offline with cargo into target/oracles/serde once. */
    @Test
    void serde() throws Exception {
        Oracles.require("cargo", "apt-get install cargo librust-serde-json-dev");
        Path registry = Path.of("/usr/share/cargo/registry");
        try (var crates = Files.list(registry)) {
            if (crates.noneMatch(c -> c.getFileName().toString().startsWith("serde_json-"))) {
                Prerequisites.missing("no serde_json in " + registry + ", so serde-json is not checked live. Install it: "
                        + "apt-get install librust-serde-json-dev");
            }
        } catch (IOException noRegistry) {
            Prerequisites.missing(registry + " is missing, so serde-json is not checked live. Install it: apt-get install librust-serde-json-dev");
        }
        Path project = WORK.resolve("serde");
        Files.createDirectories(project.resolve("src"));
        Files.createDirectories(project.resolve(".cargo"));
        Files.copy(Oracles.script("serde_oracle.rs", WORK), project.resolve("src/main.rs"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(project.resolve("Cargo.toml"),
                "[package]\nname = \"serde_oracle\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nserde_json = \"1\"\n");
        Files.writeString(project.resolve(".cargo/config.toml"), "[source.crates-io]\nreplace-with = \"debian\"\n"
                + "[source.debian]\ndirectory = \"" + registry + "\"\n[net]\noffline = true\n");
        Process build = new ProcessBuilder("cargo", "build", "--release", "--offline", "-q").directory(project.toFile())
                .redirectErrorStream(true).start();
        String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor() == 0, "cargo could not build the serde_json oracle offline: " + log);
        compare("serde_json", Oracles.run(List.of(project.resolve("target/release/serde_oracle").toString()), Map.of(), bodies, WORK),
                UnaryOperator.identity());
    }

    /** nlohmann::json from Debian's nlohmann-json3-dev, compiled with g++ into target/oracles once. */
    @Test
    void nlohmann() throws Exception {
        Oracles.require("g++", "apt-get install g++");
        if (!Files.exists(Path.of("/usr/include/nlohmann/json.hpp"))) {
            Prerequisites.missing("/usr/include/nlohmann/json.hpp is missing, so nlohmann-json is not checked live. Install it: "
                    + "apt-get install nlohmann-json3-dev");
        }
        Path source = Oracles.script("nlohmann_oracle.cpp", WORK);
        Path binary = WORK.resolve("nlohmann_oracle");
        if (!Files.exists(binary) || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
            String log = Oracles.output("g++", "-O1", "-std=c++17", "-o", binary.toString(), source.toString());
            assertTrue(log != null, "g++ could not build the nlohmann oracle");
        }
        compare("nlohmann::json", Oracles.run(List.of(binary.toString()), Map.of(), bodies, WORK), UnaryOperator.identity());
    }

    @Test
    void go() throws Exception {
        Oracles.require("go", "apt-get install golang-go");
        Path script = Oracles.script("go_oracle.go", WORK);
        Map<String, String> env = Oracles.goEnvironment(WORK);
        String version = Oracles.output("go", "version");
        compare("go", Oracles.run(List.of("go", "run", script.toString()), env, bodies, WORK),
                goBefore122(version) ? LiveEncoderDifferentialTest::goShortEscapes : UnaryOperator.identity());
    }

    @Test
    void jacksonOnThisJdk17() throws Exception {
        int feature = Runtime.version().feature();
        assertTrue(feature <= 18, "the build runs on JDK 17 (README); jackson-jdk17 is checked in-process against it");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        compare("jackson on JDK " + feature, jackson(java, "bytes=jackson-jdk17", "string=jackson-string"), UnaryOperator.identity());
    }

    @Test
    void jacksonOnJdk19Plus() throws Exception {
        Path java = modernJava();
        compare("jackson on " + java, jackson(java, "bytes=jackson", "pretty=jackson-pretty"), UnaryOperator.identity());
    }

    private static List<JsonNode> jackson(Path java, String... profiles) throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("jackson-core") || p.contains("jackson-databind") || p.contains("jackson-annotations"))
                .collect(Collectors.joining(File.pathSeparator));
        Path script = Oracles.script("JacksonOracle.java", WORK);
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classpath, script.toString()));
        command.addAll(List.of(profiles));
        return Oracles.run(command, Map.of(), bodies, WORK);
    }

    @Test
    void gson() throws Exception {
        compare("gson 2.15.0", lenientToo, javaLibrary("gson.jar", "GsonOracle.java"), UnaryOperator.identity(),
                id -> CATALOG.find(id).orElseThrow());
    }

    @Test
    void orgJson() throws Exception {
        compare("org.json 20260814", lenientToo, javaLibrary("org-json.jar", "OrgJsonOracle.java", "org-json"),
                UnaryOperator.identity(), id -> CATALOG.find(id).orElseThrow());
    }

    /** Against the old copy on Maven Central: see {@link AndroidJsonCopy}. */
    @Test
    void androidOrgJson() throws Exception {
        EncoderProfile asTheCopyOrders = AndroidJsonCopy.profile(CATALOG);
        compare("android-json 0.0.20131108.vaadin1", lenientToo,
                javaLibrary("android-json.jar", "OrgJsonOracle.java", "android-org-json"), UnaryOperator.identity(), id -> asTheCopyOrders);
    }

    /** Runs a Java library's oracle on this JDK, with the library's jar that the build copied to target/oracles-lib. */
    private static List<JsonNode> javaLibrary(String jar, String oracle, String... args) throws Exception {
        Path library = Path.of("target", "oracles-lib", jar).toAbsolutePath();
        if (!Files.exists(library)) {
            Prerequisites.missing(library + " is missing: the build copies it (./mvnw generate-test-resources)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", library.toString(),
                Oracles.script(oracle, WORK).toString()));
        command.addAll(List.of(args));
        return Oracles.run(command, Map.of(), lenientToo, WORK);
    }

    /** A JDK 19 or newer for the jackson profiles: CASEBOOK_JDK19_PLUS, else one under /usr/lib/jvm. */
    private static Path modernJava() throws IOException {
        String configured = System.getenv("CASEBOOK_JDK19_PLUS");
        if (configured != null) {
            return Path.of(configured, "bin", "java");
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (var dirs = Files.list(jvms)) {
                for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                    Path release = dir.resolve("release");
                    if (Files.exists(release)) {
                        Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
                        if (m.find() && Integer.parseInt(m.group(1)) >= 19 && Files.isExecutable(dir.resolve("bin/java"))) {
                            return dir.resolve("bin/java");
                        }
                    }
                }
            }
        }
        Prerequisites.missing("no JDK 19+ found (set CASEBOOK_JDK19_PLUS); the jackson and jackson-pretty profiles "
                + "are not checked live");
        return null;
    }

    private static boolean goBefore122(String version) {
        Matcher m = Pattern.compile("go1\\.(\\d+)").matcher(version == null ? "" : version);
        return m.find() && Integer.parseInt(m.group(1)) < 22;
    }

    private static final Pattern GO_OLD_ESCAPE = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u00(08|0c)");

    /** Go before 1.22 wrote \u0008 and \u000c; the profiles follow current Go, which writes \b and \f. */
    private static byte[] goShortEscapes(byte[] out) {
        String s = new String(out, StandardCharsets.UTF_8);
        Matcher m = GO_OLD_ESCAPE.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + (m.group(2).equals("08") ? "\\b" : "\\f")));
        }
        m.appendTail(b);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void compare(String oracle, List<JsonNode> results, UnaryOperator<byte[]> normalize) {
        compare(oracle, bodies, results, normalize, id -> CATALOG.find(id).orElseThrow());
    }

    private static void compare(String oracle, List<byte[]> bodies, List<JsonNode> results, UnaryOperator<byte[]> normalize,
                                Function<String, EncoderProfile> profiles) {
        List<String> mismatches = new ArrayList<>();
        List<String> declined = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            for (Iterator<Map.Entry<String, JsonNode>> it = results.get(i).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                EncoderProfile profile = profiles.apply(e.getKey());
                compared++;
                String problem = compareOne(profile, body, e.getValue(), normalize);
                if (problem != null && problem.startsWith(DECLINED)) {
                    declined.add(profile.id() + " on " + printable(body) + ": " + problem);
                } else if (problem != null) {
                    mismatches.add(profile.id() + " on " + printable(body) + ":\n    " + problem);
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + compared + " outputs differ from " + oracle + " (seed " + SEED
                    + "; rerun with -Dfuzz.seed=" + SEED + "):\n  "
                    + String.join("\n  ", mismatches.subList(0, Math.min(12, mismatches.size()))));
        }
        // A profile may say it cannot reproduce an input (Newtonsoft's kept comments, undefined): that is counted and
        // shown, never taken as agreement, and fails the run when it is more than a small part of it.
        assertTrue(declined.size() * 10 <= compared, declined.size() + " of " + compared + " outputs declined by Casebook (seed " + SEED
                + "):\n  " + String.join("\n  ", declined.subList(0, Math.min(12, declined.size()))));
        System.out.println(oracle + ": " + (compared - declined.size()) + " outputs of " + bodies.size() + " generated bodies identical"
                + (declined.isEmpty() ? "" : ", " + declined.size() + " declined as not reproduced (for example "
                + declined.get(0) + ")") + " (seed " + SEED + ")");
    }

    private static final String DECLINED = "Casebook declines: ";

    /**
     * Whether two outputs are the same JSON token for token except for doubles one unit in the last place apart that
     * are below 1e-22 or beyond 1e22 in magnitude, or the same double written with more digits: where Mono's
     * double.Parse and its 17-digit "R" formatting are not correctly rounded (the newtonsoft profile says so), and
     * Casebook writes the correctly rounded value.
     */
    private static boolean monoUlpsApart(byte[] theirs, byte[] ours) {
        var factory = new com.fasterxml.jackson.core.JsonFactory();
        try (var a = factory.createParser(theirs); var b = factory.createParser(ours)) {
            boolean apart = false;
            for (var t = a.nextToken(); t != null; t = a.nextToken()) {
                if (b.nextToken() != t) {
                    return false;
                }
                if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT && !a.getText().equals(b.getText())) {
                    double x = Double.parseDouble(a.getText());
                    double y = Double.parseDouble(b.getText());
                    boolean edge = Math.abs(y) < 1e-22 || Math.abs(y) > 1e22;
                    // Anywhere in the range, Mono's "R" format may fall back to 17 digits for a double whose 15 do
                    // read back to it, because its own parse of the 15 is off: the same double, written longer.
                    boolean sameDouble = x == y;
                    if (!sameDouble && (!edge || Math.abs(x - y) > Math.ulp(y))) {
                        return false;
                    }
                    apart = true;
                } else if (t.isScalarValue() || t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    if (!a.getText().equals(b.getText())) {
                        return false;
                    }
                }
            }
            return apart && b.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }

    private static String compareOne(EncoderProfile profile, byte[] body, JsonNode theirs, UnaryOperator<byte[]> normalize) {
        byte[] ours = null;
        LanguageFailure failure = null;
        try {
            ours = CANON.encodeBody(profile, body);
        } catch (LanguageFailure f) {
            failure = f;
        } catch (Exception other) {
            return "unexpected " + other;
        }
        if (theirs.has("ok")) {
            byte[] expected = normalize.apply(Base64.getDecoder().decode(theirs.get("ok").asText()));
            if (failure != null && failure.stage() == LanguageFailure.Stage.UNAVAILABLE) {
                return DECLINED + failure.getMessage();
            }
            if (failure != null) {
                if (profile.id().equals("jcs") && failure.getMessage().contains("duplicate")) {
                    return null; // RFC 8785 needs I-JSON; the npm package silently keeps the last duplicate
                }
                return "real encoder wrote " + printable(expected) + " but Casebook says " + failure.stage() + ": " + failure.getMessage();
            }
            if (Arrays.equals(expected, ours)) {
                return null;
            }
            if (profile.id().equals("newtonsoft") && monoUlpsApart(expected, ours)) {
                return DECLINED + "Mono's double conversions are not correctly rounded (one unit in the last place off at the edges of the range, or 17 digits where 15 read back): "
                        + printable(expected) + " where Casebook, correctly rounded, wrote " + printable(ours);
            }
            return "real encoder wrote " + printable(expected) + "\n    Casebook wrote    " + printable(ours);
        }
        String stage = theirs.get("err").asText();
        if (theirs.has("msg")) {
            stage += " (" + theirs.get("msg").asText() + ")";
        }
        if (failure == null) {
            return "real encoder failed to " + stage + " but Casebook wrote " + printable(ours);
        }
        if (failure.stage() == LanguageFailure.Stage.UNAVAILABLE) {
            return DECLINED + failure.getMessage() + " (the real encoder failed to " + stage + ")";
        }
        if (profile.id().equals("jcs") && failure.getMessage().contains("duplicate")) {
            return null; // I-JSON's duplicate check comes first in Casebook; see above
        }
        String ourStage = failure.stage() == LanguageFailure.Stage.PARSE ? "parse" : "encode";
        return stage.startsWith(ourStage) ? null : "real encoder failed to " + stage + " but Casebook failed to " + ourStage + ": "
                + failure.getMessage();
    }

    static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(bytes.length, 1200);
        for (int i = 0; i < n; i++) {
            int c = bytes[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return (bytes.length > n ? b.append("...") : b).toString();
    }
}
