package dev.casebook.bench;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.core.heap.warmup.AnalysisWarmUp;
import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.Targets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;

/**
 * Casebook's nearest-root analysis against VisualVM's heap library on the same dumps, in the same run.
 *
 * <p>For each size, the JDK writes a live dump ({@code HotSpotDiagnosticMXBean.dumpHeap}) of LeakyApp
 * with 50,000 {@code Room} instances in a static map and filler objects; then each tool runs in its own
 * JVM (same -Xmx) and finds the chain of every Room from the GC roots: Casebook with one analysis
 * (10 chains, and all 50,000 merged into groups, as a job does), VisualVM with
 * {@code getNearestGCRootPointer()} walked from each instance to its root. Both must find every Room
 * reachable (checked). Printed
 * per size: file size, objects, the time to read the file once (the floor, page cache warm), each tool's
 * time for its first run (cold) and its best of the next four (warm, as in a running service), in-process,
 * excluding JVM start; MB/s; each JVM's peak RSS (VmHWM); the ratios; and, for Casebook, the first job of a
 * service that has just started (after its warm-up on a synthetic dump), median of three fresh JVMs.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dbench=HeapBenchmark [-Dbench.heap.sizes=0.5,1.25,2.5]}
 * (sizes in millions of filler objects, two heap objects each).
 */
public final class HeapBenchmark {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private static final String CHILD_HEAP = "-Xmx6g";
    /** casebook.jobs.warm-up-rounds' default. */
    private static final int WARM_UP_ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        String[] sizes = System.getProperty("bench.heap.sizes", "0.5,1.25,2.5").split(",");
        Path dir = Files.createDirectories(Path.of("target", "heap-bench"));
        System.out.printf(Locale.ROOT, "%-8s %-9s %-7s | %-31s | %-30s | %-15s %-6s %-12s %-5s%n", "dump MB",
                "objects", "read s", "Casebook cold/warm s MB/s RSS", "VisualVM cold/warm s MB/s RSS",
                "speed-up c/w", "RSS", "x read c/w", "B/obj");
        for (String size : sizes) {
            int ballast = (int) (Double.parseDouble(size.trim()) * 1_000_000);
            Path dump = dir.resolve("bench-" + ballast + ".hprof");
            if (!Files.exists(dump)) {
                HeapDumps.write(dump, "live", 50_000, ballast, List.of("-Xmx4g"));
            }
            double mb = Files.size(dump) / 1e6;
            double read = readOnce(dump);
            String[] ours = child("casebook", "cold", dump);
            String[] theirs = child("visualvm", "cold", dump);
            ours[4] = child("casebook", "warm", dump)[4];
            theirs[4] = child("visualvm", "warm", dump)[4];
            // Three fresh JVMs, the median: one first job is one sample of JIT timing, which varies by +-15% here.
            double[] firsts = new double[3];
            for (int i = 0; i < firsts.length; i++) {
                firsts[i] = Double.parseDouble(child("casebook", "first", dump)[0]);
            }
            java.util.Arrays.sort(firsts);
            double oursFirst = firsts[1];
            double oursCold = Double.parseDouble(ours[0]);
            double oursWarm = Double.parseDouble(ours[4]);
            double theirsCold = Double.parseDouble(theirs[0]);
            double theirsWarm = Double.parseDouble(theirs[4]);
            double oursRss = Double.parseDouble(ours[1]) / 1024;
            double theirsRss = Double.parseDouble(theirs[1]) / 1024;
            long objects = Long.parseLong(ours[2]);
            System.out.printf(Locale.ROOT,
                    "%-8.0f %-9d %-7.3f | %6.2f %6.2f %5.0f %6.0fM    | %6.2f %6.2f %4.0f %6.0fM    | %5.1f %5.1f     %-6.2f %5.1f %5.1f  %-5.1f%n",
                    mb, objects, read, oursCold, oursWarm, mb / oursWarm, oursRss, theirsCold, theirsWarm,
                    mb / theirsWarm, theirsRss, theirsCold / oursCold, theirsWarm / oursWarm, oursRss / theirsRss,
                    oursCold / read, oursWarm / read, Double.parseDouble(ours[5]) / objects);
            System.out.printf(Locale.ROOT, "         the service's first job (a fresh JVM after its start-up warm-up, median of 3): %.2f s, %.1fx"
                    + " VisualVM's cold run, %.1fx reading the file%n", oursFirst, theirsCold / oursFirst, oursFirst / read);
            if (!ours[3].equals(theirs[3])) {
                System.out.println("  reachable instances differ: Casebook " + ours[3] + ", VisualVM " + theirs[3]);
            }
        }
        System.out.println("speed-up = VisualVM time / Casebook time (cold: first analysis in a fresh JVM; warm: the"
                + " best of the second to fifth, as in a running service); RSS = peak RSS ratio Casebook/VisualVM (mapped file pages"
                + " included for both); x read = Casebook time / reading the file once; B/obj = index bytes per object");
    }

    /** Seconds to read the file once with large reads, best of three (page cache warm). */
    private static double readOnce(Path file) throws IOException {
        double best = Double.MAX_VALUE;
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 << 20);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (channel.read(buffer) > 0) {
                    buffer.clear();
                }
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static void cleanVisualVmCache(Path dump) throws IOException {
        try (Stream<Path> files = Files.list(dump.getParent())) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(dump.getFileName() + ".")).toList()) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                } else {
                    Files.delete(p);
                }
            }
        }
    }

    /** Runs one tool in a fresh JVM; returns seconds, peak RSS in KiB, objects, and a chain-length checksum. */
    private static String[] child(String tool, String mode, Path dump) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), CHILD_HEAP, "-cp",
                System.getProperty("java.class.path"), HeapBenchmark.class.getName() + "$Child", tool, mode, dump.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(tool + " failed: " + out);
        }
        String[] lines = out.split("\n");
        return lines[lines.length - 1].split(" ");
    }

    /**
     * A measured run in its own JVM: {@code cold} is the first analysis (classes loading, code not yet
     * compiled, as for a one-off tool) and gives the peak RSS; {@code warm} is the best of the second to
     * fifth analyses of the same dump (the steady state of a running service); {@code first} is the first
     * analysis after {@link AnalysisWarmUp} with the service's default rounds (what the first job after a
     * start sees). VisualVM's on-disk index of the dump is deleted before each of its runs.
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dump = Path.of(args[2]);
            if (args[1].equals("first")) {
                AnalysisWarmUp.run(dump.getParent(), WARM_UP_ROUNDS, CancelSignal.NEVER);
            }
            long[] cold = run(args[0], dump);
            long[] warm = cold;
            if (args[1].equals("warm")) {
                // The best of four more runs after a first: the steady state of a service that has run jobs
                // (on a small dump the JIT is still compiling during the third).
                warm = run(args[0], dump);
                for (int i = 0; i < 3; i++) {
                    long[] again = run(args[0], dump);
                    warm = again[0] < warm[0] ? again : warm;
                }
            }
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            System.out.println(String.format(Locale.ROOT, "%.3f %d %d %d %.3f %d", cold[0] / 1e9, rss, cold[1], cold[2],
                    warm[0] / 1e9, cold[3]));
        }

        /** Returns nanoseconds, objects, reachable Rooms, and index bytes (Casebook only). */
        private static long[] run(String tool, Path dump) throws IOException {
            long start = System.nanoTime();
            if (tool.equals("casebook")) {
                try (HprofHeap heap = HprofHeap.open(dump, CancelSignal.NEVER, ProgressListener.NONE)) {
                    TargetResult result = Targets.analyse(heap, List.of(new TargetQuery.ClassName(ROOM, false)),
                            new NearestRoots.Options(10, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
                    return new long[] {System.nanoTime() - start, heap.objectCount(), result.reachable(),
                        heap.indexFootprintBytes()};
                }
            }
            cleanVisualVmCache(dump);
            start = System.nanoTime();
            Heap heap = HeapFactory.createHeap(dump.toFile());
            List<?> rooms = heap.getJavaClassByName(ROOM).getInstances();
            long reachable = 0;
            for (Object o : rooms) {
                Instance current = (Instance) o;
                while (true) {
                    Instance next = current.getNearestGCRootPointer();
                    if (next == null) {
                        break;
                    }
                    if (next.getInstanceId() == current.getInstanceId()) {
                        reachable++;
                        break;
                    }
                    current = next;
                }
            }
            return new long[] {System.nanoTime() - start, heap.getSummary().getTotalLiveInstances(), reachable, 0};
        }
    }
}
