package dev.casebook.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a parser on many damaged inputs, each in bounded time, and sorts what happened: a result, the
 * parser's typed error, or anything else (another exception, out of memory, no answer in time), which
 * is a finding. Findings are saved under target/fuzz-findings/ to be replayed. Budget and seed come
 * from -Dfuzz.iterations and -Dfuzz.seed, so a longer run is one flag away.
 */
public final class FuzzRun {

    /** What one input led to: its kind ("result", or the typed error's class) or a finding. */
    public interface Target {
        String run(byte[] input) throws Exception;
    }

    public static int iterations(int ciDefault) {
        return Integer.getInteger("fuzz.iterations", ciDefault);
    }

    public static long seed() {
        return Long.getLong("fuzz.seed", 20261127L);
    }

    private final String name;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<String> findings = new ArrayList<>();
    private int tried;

    public FuzzRun(String name) {
        this.name = name;
    }

    /** Tries {@code iterations} mutants of {@code seedInput}; each must answer within {@code limitSeconds}. */
    public FuzzRun run(byte[] seedInput, int[] hotOffsets, int iterations, long limitSeconds, Target target) {
        Mutator mutator = new Mutator(seed() ^ name.hashCode());
        return run(() -> mutator.mutate(seedInput, hotOffsets), iterations, limitSeconds, target);
    }

    /** Tries {@code iterations} inputs from {@code inputs}; each must answer within {@code limitSeconds}. */
    public FuzzRun run(java.util.function.Supplier<Mutator.Mutant> inputs, int iterations, long limitSeconds, Target target) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < iterations; i++) {
                Mutator.Mutant m = inputs.get();
                tried++;
                Future<String> answer = worker.submit(() -> target.run(m.bytes()));
                String outcome;
                try {
                    outcome = answer.get(limitSeconds, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    answer.cancel(true);
                    finding(i, m, "no answer in " + limitSeconds + " s");
                    // The stuck thread cannot be trusted: go on with a fresh one.
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor();
                    continue;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    finding(i, m, cause.getClass().getName() + ": " + cause.getMessage() + " at " + top(cause));
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        } finally {
            worker.shutdownNow();
        }
        return this;
    }

    private static String top(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length == 0 ? "?" : trace[0].toString();
    }

    private void finding(int iteration, Mutator.Mutant m, String what) {
        findings.add("#" + iteration + " (" + m.how() + "): " + what);
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-findings"));
            Files.write(dir.resolve(name + "-" + seed() + "-" + iteration + ".bin"), m.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> findings() {
        return findings;
    }

    public Map<String, Integer> outcomes() {
        return outcomes;
    }

    public int tried() {
        return tried;
    }

    /** One line for the build log: how many inputs, what they led to. */
    public String summary() {
        return "fuzz " + name + ": " + tried + " inputs (seed " + seed() + "): " + outcomes + ", " + findings.size() + " findings";
    }
}
