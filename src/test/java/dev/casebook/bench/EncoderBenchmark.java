package dev.casebook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casebook.core.canon.encode.JsonEncoder;
import dev.casebook.core.canon.encode.LanguageFailure;
import dev.casebook.core.canon.json.JsonParser;
import dev.casebook.core.canon.json.JsonValue;
import dev.casebook.core.canon.profile.EncoderProfile;
import dev.casebook.core.canon.profile.ProfileCatalog;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Encoder throughput per profile on 10 KB and 1 MB bodies, against Jackson's own
 * {@code writeValueAsBytes} of the same data as the baseline, measured in the same run: before
 * and after the profiles, and the ratios use the mean of the two.
 * Both sides encode an already-parsed tree; MB/s counts the input body's bytes.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dbench=EncoderBenchmark} (about 8 minutes);
 * {@code -Dbench.profiles=python-json,jackson} limits the profiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class EncoderBenchmark {

    static final Map<String, Integer> SIZES = Map.of("10KB", 10 * 1024, "1MB", 1024 * 1024);

    @Param({"10KB", "1MB"})
    public String size;

    @Param({"python-json"})
    public String profile;

    private JsonValue tree;
    private EncoderProfile encoder;
    private JsonNode jacksonTree;
    private ObjectMapper mapper;
    private int hint;

    @Setup
    public void setUp() throws Exception {
        byte[] body = BenchmarkBodies.ofSize(SIZES.get(size), 42);
        encoder = new ProfileCatalog().find(profile).orElseThrow();
        tree = JsonParser.parse(body, encoder.parse().withMaxDepth(10_000));
        hint = body.length + 64;
        mapper = new ObjectMapper();
        jacksonTree = mapper.readTree(body);
        JsonEncoder.encode(tree, encoder.encoding(), hint); // fails here, not in the measurement, if a profile refuses the body
    }

    @Benchmark
    public byte[] casebookEncode() throws LanguageFailure {
        return JsonEncoder.encode(tree, encoder.encoding(), hint);
    }

    /** Jackson's writeValueAsBytes of the same data: the baseline, run once per size. */
    @Benchmark
    public byte[] jacksonWriteValueAsBytes() throws Exception {
        return mapper.writeValueAsBytes(jacksonTree);
    }

    public static void main(String[] args) throws Exception {
        ProfileCatalog catalog = new ProfileCatalog();
        String only = System.getProperty("bench.profiles");
        String[] profiles = only != null && !only.isBlank() ? only.split(",")
                : catalog.all().stream().filter(p -> !p.isRaw()).map(EncoderProfile::id).toArray(String[]::new);
        Options casebook = new OptionsBuilder().include(EncoderBenchmark.class.getName() + ".casebookEncode")
                .param("profile", profiles).build();
        Options jackson = new OptionsBuilder().include(EncoderBenchmark.class.getName() + ".jacksonWriteValueAsBytes")
                .param("profile", "jackson").build();
        // The baseline runs before and after the profiles: on a shared VM the machine's speed drifts
        // over the minutes between, and one measurement of it moved every ratio by as much as 20%.
        Collection<RunResult> before = new Runner(jackson).run();
        Collection<RunResult> results = new Runner(casebook).run();
        Collection<RunResult> after = new Runner(jackson).run();

        Map<String, Double> beforeMbps = mbps(before);
        Map<String, Double> afterMbps = mbps(after);
        System.out.println();
        System.out.println("Encoder throughput (MB/s of input body; tree already parsed on both sides); Jackson is the mean of its runs "
                + "before and after the profiles");
        System.out.printf(Locale.ROOT, "%-28s %6s %10s %10s %8s%n", "profile", "size", "MB/s", "Jackson", "ratio");
        for (RunResult r : results) {
            String s = r.getParams().getParam("size");
            double mbps = r.getPrimaryResult().getScore() * SIZES.get(s) / 1e6;
            double baseline = (beforeMbps.get(s) + afterMbps.get(s)) / 2;
            System.out.printf(Locale.ROOT, "%-28s %6s %10.1f %10.1f %8.2f%n", r.getParams().getParam("profile"), s, mbps, baseline,
                    mbps / baseline);
        }
        for (String s : beforeMbps.keySet()) {
            System.out.printf(Locale.ROOT, "Jackson %s: %.1f MB/s before, %.1f after%n", s, beforeMbps.get(s), afterMbps.get(s));
        }
    }

    private static Map<String, Double> mbps(Collection<RunResult> runs) {
        Map<String, Double> bySize = new LinkedHashMap<>();
        for (RunResult r : runs) {
            String s = r.getParams().getParam("size");
            bySize.put(s, r.getPrimaryResult().getScore() * SIZES.get(s) / 1e6);
        }
        return bySize;
    }
}
