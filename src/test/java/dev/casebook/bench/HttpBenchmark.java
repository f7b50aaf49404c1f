package dev.casebook.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dev.casebook.testing.PackagedService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests/s and latency of {@code POST /v1/canonical} with a 1 KB body against two trivial
 * endpoints under the same closed-loop load, on the packaged service started as a separate process
 * on loopback: {@code GET /v1/info} (a constant answer through the same REST stack, so the ratio
 * is the cost of Casebook's own work) and {@code GET /q/health/live} (a bare Vert.x route, below the
 * REST stack). A third row, {@code GET /v1/profiles}, is a constant answer of about 9 KB: on
 * loopback the bytes of a response cost the server CPU too, and the canonical answer carries the
 * body twice (about 2.5 KB for a 1 KB body). Bounded in time; stops the service when done.
 *
 * <p>The canonical path is far more code than a constant answer, and the service's JIT takes some
 * 30 s of load to compile it on a 2-core machine, its compiler threads meanwhile taking CPU from
 * the event loops. So after the common warm-up the canonical endpoint is warmed in slices until
 * the service's JIT goes quiet (its compile time, read with {@code jstat}, grows by less than
 * {@value #QUIET_COMPILE_SECONDS} s in a slice), and the compile time spent during the measured
 * rounds is printed, to show they met a steady JIT.
 *
 * <p>The load comes from {@code wrk} (Debian package {@code wrk}) when it is on PATH: a C event
 * loop that leaves the CPU to the service; otherwise from Java's HttpClient, which costs the
 * machine more and lowers both figures. Rounds alternate between the endpoints after a common
 * warm-up, and the figures are medians over the rounds, so JIT and GC drift do not favour either
 * side; the canonical rounds also run each right after a {@code GET /v1/info} round, and the
 * median of those paired ratios is printed too, being steadier on a VM whose speed drifts.
 *
 * <p>Run: {@code ./mvnw -q package -DskipTests && ./mvnw -q exec:exec -Dbench=HttpBenchmark}.
 */
public final class HttpBenchmark {

    private static final int THREADS = 8;
    private static final int CONNECTIONS = 32;
    /** {@code -Dbench.http.scale=0.25}: every duration a quarter as long, for a quick check that the benchmark runs. */
    private static final double SCALE = Double.parseDouble(System.getProperty("bench.http.scale", "1"));
    private static final Duration WARMUP = seconds(32);
    private static final Duration ROUND = seconds(6);
    private static final int ROUNDS = 6;
    private static final Duration WARMUP_SLICE = seconds(8);
    private static final int MAX_WARMUP_SLICES = 8;
    private static final double QUIET_COMPILE_SECONDS = 0.25;

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.max(1000, Math.round(seconds * SCALE * 1000)));
    }

    record Result(long requests, long failures, double seconds, double p50Millis, double p99Millis) {
        double perSecond() {
            return requests / seconds;
        }
    }

    static double percentileMillis(long[] latenciesNanos, double p) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    public static void main(String[] args) throws Exception {
        try (PackagedService app = PackagedService.start(Files.createTempDirectory("casebook-bench"))) {
            String base = app.baseUri();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String body = canonicalRequest();
            HttpRequest canonical = HttpRequest.newBuilder(URI.create(base + "/v1/canonical")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpRequest trivial = HttpRequest.newBuilder(URI.create(base + "/q/health/live")).GET().build();
            if (client.send(canonical, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                throw new IllegalStateException("the canonical request is refused");
            }
            boolean wrk = which("wrk");
            Path script = Files.createTempFile("casebook-post", ".lua");
            Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = "
                    + luaString(body) + "\n");
            System.out.printf(Locale.ROOT, "request body %d bytes; load from %s; %d s warm-up, then %d rounds of %d s per endpoint%n",
                    body.getBytes(StandardCharsets.UTF_8).length, wrk ? "wrk (2 threads, " + CONNECTIONS + " connections)"
                            : "Java HttpClient (" + THREADS + " threads)", WARMUP.toSeconds(), ROUNDS, ROUND.toSeconds());
            HttpRequest info = HttpRequest.newBuilder(URI.create(base + "/v1/info")).GET().build();
            Load healthLoad = d -> wrk ? wrk(base + "/q/health/live", null, d) : run(client, trivial, d);
            Load infoLoad = d -> wrk ? wrk(base + "/v1/info", null, d) : run(client, info, d);
            HttpRequest profiles = HttpRequest.newBuilder(URI.create(base + "/v1/profiles")).GET().build();
            Load profilesLoad = d -> wrk ? wrk(base + "/v1/profiles", null, d) : run(client, profiles, d);
            Load canonicalLoad = d -> wrk ? wrk(base + "/v1/canonical", script, d) : run(client, canonical, d);
            healthLoad.apply(WARMUP.dividedBy(4));
            infoLoad.apply(WARMUP.dividedBy(4));
            profilesLoad.apply(WARMUP.dividedBy(4));
            canonicalLoad.apply(WARMUP.dividedBy(4));
            double compiled = compileSeconds(app.pid());
            int slices = 0;
            while (slices < MAX_WARMUP_SLICES) {
                canonicalLoad.apply(WARMUP_SLICE);
                slices++;
                double now = compileSeconds(app.pid());
                boolean quiet = Double.isNaN(now) || now - compiled < QUIET_COMPILE_SECONDS;
                compiled = now;
                if (quiet) {
                    break;
                }
            }
            System.out.printf(Locale.ROOT, "canonical warmed %d s more, until the JIT was quiet (%.1f s of compilation so far)%n",
                    slices * WARMUP_SLICE.toSeconds(), compiled);
            List<Result> healthRounds = new ArrayList<>();
            List<Result> infoRounds = new ArrayList<>();
            List<Result> profilesRounds = new ArrayList<>();
            List<Result> canonicalRounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                healthRounds.add(healthLoad.apply(ROUND));
                profilesRounds.add(profilesLoad.apply(ROUND));
                infoRounds.add(infoLoad.apply(ROUND));
                canonicalRounds.add(canonicalLoad.apply(ROUND)); // right after its baseline: the pair meets the same machine
            }
            System.out.printf(Locale.ROOT, "the JIT compiled for %.1f s during the measured rounds%n", compileSeconds(app.pid()) - compiled);
            System.out.printf(Locale.ROOT, "%-30s %10s %12s %8s %8s %8s%n", "endpoint (median of rounds)", "req/s", "range", "p50 ms",
                    "p99 ms", "errors");
            Result h = median(healthRounds);
            Result i = median(infoRounds);
            Result p = median(profilesRounds);
            Result c = median(canonicalRounds);
            print("GET /q/health/live", h, healthRounds);
            print("GET /v1/info (60 B answer)", i, infoRounds);
            print("GET /v1/profiles (9 KB answer)", p, profilesRounds);
            print("POST /v1/canonical (1 KB)", c, canonicalRounds);
            System.out.printf(Locale.ROOT, "POST /v1/canonical serves %.2f of GET /v1/info's requests/s (same REST stack) and %.2f of "
                    + "GET /q/health/live's (bare route); GET /v1/profiles, a constant 9 KB answer, serves %.2f of GET /v1/info's%n",
                    c.perSecond() / i.perSecond(), c.perSecond() / h.perSecond(), p.perSecond() / i.perSecond());
            double[] paired = pairedRatios(canonicalRounds, infoRounds);
            System.out.printf(Locale.ROOT, "paired by round (each canonical round against the GET /v1/info round just before it, so both "
                    + "meet the same machine): median %.2f, range %.2f-%.2f%n", paired[paired.length / 2], paired[0],
                    paired[paired.length - 1]);
        }
    }

    @FunctionalInterface
    interface Load {
        Result apply(Duration duration) throws Exception;
    }

    /**
     * The ratio of each round's two rates, sorted. On a shared VM the machine's speed drifts
     * between rounds by more than the effect measured; rounds run back to back see nearly the same
     * machine, so their ratio varies less than the ratio of two medians taken far apart.
     */
    static double[] pairedRatios(List<Result> measured, List<Result> baseline) {
        double[] ratios = new double[measured.size()];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = measured.get(r).perSecond() / baseline.get(r).perSecond();
        }
        Arrays.sort(ratios);
        return ratios;
    }

    private static Result median(List<Result> rounds) {
        List<Result> sorted = new ArrayList<>(rounds);
        sorted.sort(java.util.Comparator.comparingDouble(Result::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static void print(String name, Result median, List<Result> rounds) {
        double lo = rounds.stream().mapToDouble(Result::perSecond).min().orElse(0);
        double hi = rounds.stream().mapToDouble(Result::perSecond).max().orElse(0);
        long failures = rounds.stream().mapToLong(Result::failures).sum();
        System.out.printf(Locale.ROOT, "%-30s %10.0f %6.0f-%-6.0f %8.2f %8.2f %8d%n", name, median.perSecond(), lo, hi,
                median.p50Millis(), median.p99Millis(), failures);
    }

    /** The JVM's total JIT compile time in seconds, as {@code jstat -compiler} reports it; NaN without jstat. */
    static double compileSeconds(long pid) throws Exception {
        Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
        if (!Files.isExecutable(jstat)) {
            return Double.NaN;
        }
        Process p = new ProcessBuilder(jstat.toString(), "-compiler", Long.toString(pid)).redirectErrorStream(true).start();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
        p.waitFor();
        String[] header = lines[0].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        for (int i = 0; i < header.length && i < values.length; i++) {
            if (header[i].equals("Time")) {
                return Double.parseDouble(values[i]);
            }
        }
        return Double.NaN;
    }

    private static boolean which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** One wrk run: its requests/s, latency percentiles and non-2xx count, parsed from its report. */
    private static Result wrk(String url, Path script, Duration duration) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration.toSeconds() + "s", "--latency"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([0-9.]+)"));
        long failures = out.contains("Non-2xx") ? Long.parseLong(find(out, "Non-2xx or 3xx responses:\\s+(\\d+)")) : 0;
        double p50 = millis(find(out, "\\s50%\\s+([0-9.]+\\w+)"));
        double p99 = millis(find(out, "\\s99%\\s+([0-9.]+\\w+)"));
        return new Result(Math.round(rps * duration.toSeconds()), failures, duration.toSeconds(), p50, p99);
    }

    private static String find(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output: " + text);
        }
        return m.group(1);
    }

    private static double millis(String value) {
        double v = Double.parseDouble(value.replaceAll("[a-z]+$", ""));
        return value.endsWith("us") ? v / 1000 : value.endsWith("ms") ? v : value.endsWith("s") ? v * 1000 : v;
    }

    private static String canonicalRequest() {
        StringBuilder items = new StringBuilder();
        int i = 0;
        while (items.length() < 880) {
            items.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-").append(1000 + i).append("\",\"name\":\"Café crème ").append(i)
                    .append("\",\"qty\":").append(i + 1).append(",\"price\":").append(9.99 + i).append('}');
            i++;
        }
        return "{\"profile\":\"python-json\",\"credentials\":{\"customerId\":\"1234\",\"authToken\":\"tok-abc\"},"
                + "\"body\":{\"orderId\":9007199254740993,\"items\":[" + items + "]},\"query\":[[\"b\",\"2\"],[\"a\",\"1\"]]}";
    }

    private static Result run(HttpClient client, HttpRequest request, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                long failures = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r;
                    try {
                        r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    } catch (IOException e) {
                        // A pooled keep-alive connection the server closed meanwhile ("header parser received
                        // no bytes"): an error of this round, as wrk counts it, not the end of the benchmark.
                        failures++;
                        continue;
                    }
                    long t1 = System.nanoTime();
                    if (r.statusCode() != 200) {
                        failures++;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = t1 - t0;
                }
                long[] out = Arrays.copyOf(latencies, n + 1);
                out[n] = failures; // the last slot carries the failure count
                return out;
            }));
        }
        long requests = 0;
        long failures = 0;
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            failures += r[r.length - 1];
            long[] lat = Arrays.copyOf(r, r.length - 1);
            requests += lat.length;
            all.add(lat);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(requests, failures, seconds, percentileMillis(latencies, 0.50), percentileMillis(latencies, 0.99));
    }
}
