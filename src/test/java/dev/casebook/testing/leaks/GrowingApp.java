package dev.casebook.testing.leaks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A program with a slow leak, dumped between steps: each step puts {@link #PER_STEP} more {@code Leak}s into the
 * static map {@code LEAKS} (Integer keys counted up from 1,000, so no two share a bucket and every one is held
 * alike), while it churns noise: {@link #CHURN} {@code Noise} objects made and dropped, of which the last
 * {@link #KEPT_NOISE} stay in a static ring that is refilled, not grown, so its count never changes while the
 * objects (and every address the collector moves) do. After each step it writes a live dump with
 * {@code HotSpotDiagnosticMXBean.dumpHeap}: {@code GrowingApp <dir> <steps>} writes {@code step-1.hprof}...
 */
public final class GrowingApp {

    public static final int PER_STEP = 1000;
    public static final int CHURN = 50_000;
    public static final int KEPT_NOISE = 500;
    static final Map<Integer, Leak> LEAKS = new HashMap<>();
    static final Noise[] RECENT = new Noise[KEPT_NOISE];

    public static final class Leak {
        final byte[] payload = new byte[64];
    }

    public static final class Noise {
        final long[] values = new long[4];
    }

    private GrowingApp() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int steps = Integer.parseInt(args[1]);
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (int step = 1; step <= steps; step++) {
            churn(step);
            leak(step);
            churn(step + 1);
            Path out = dir.resolve("step-" + step + ".hprof");
            Files.deleteIfExists(out);
            bean.dumpHeap(out.toString(), true);
        }
    }

    /** Noise made and dropped; the ring keeps the last few, replaced every time. */
    private static void churn(int seed) {
        for (int i = 0; i < CHURN; i++) {
            Noise noise = new Noise();
            noise.values[0] = seed + i;
            RECENT[i % KEPT_NOISE] = noise;
        }
    }

    private static void leak(int step) {
        int first = 1000 + (step - 1) * PER_STEP;
        for (int i = first; i < first + PER_STEP; i++) {
            LEAKS.put(i, new Leak());
        }
    }
}
