package dev.casebook.bench;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.hprof.HprofHeap;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.testing.HeapDumps;
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
 * time (in-process, excluding JVM start) and MB/s, each JVM's peak RSS (VmHWM), and the ratios.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dbench=HeapBenchmark [-Dbench.heap.sizes=0.5,1.25,2.5]}
 * (sizes in millions of filler objects, two heap objects each).
 */
public final class HeapBenchmark {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";
    private static final String CHILD_HEAP = "-Xmx6g";

    public static void main(String[] args) throws Exception {
        String[] sizes = System.getProperty("bench.heap.sizes", "0.5,1.25,2.5").split(",");
        Path dir = Files.createDirectories(Path.of("target", "heap-bench"));
        System.out.printf(Locale.ROOT, "%-9s %-9s %-8s | %-22s | %-22s | %-9s %-9s %-9s%n", "dump MB", "objects",
                "read s", "Casebook s  MB/s  RSS MB", "VisualVM s  MB/s RSS MB", "speed-up", "RSS ratio", "x read");
        for (String size : sizes) {
            int ballast = (int) (Double.parseDouble(size.trim()) * 1_000_000);
            Path dump = dir.resolve("bench-" + ballast + ".hprof");
            if (!Files.exists(dump)) {
                HeapDumps.write(dump, "live", 50_000, ballast, List.of("-Xmx4g"));
            }
            double mb = Files.size(dump) / 1e6;
            double read = readOnce(dump);
            String[] ours = child("casebook", dump);
            cleanVisualVmCache(dump);
            String[] theirs = child("visualvm", dump);
            double oursS = Double.parseDouble(ours[0]);
            double theirsS = Double.parseDouble(theirs[0]);
            double oursRss = Double.parseDouble(ours[1]) / 1024;
            double theirsRss = Double.parseDouble(theirs[1]) / 1024;
            System.out.printf(Locale.ROOT, "%-9.0f %-9s %-8.3f | %6.2f %6.0f %7.0f     | %6.2f %6.0f %7.0f     | %-9.1f %-9.2f %-9.1f%n",
                    mb, ours[2], read, oursS, mb / oursS, oursRss, theirsS, mb / theirsS, theirsRss,
                    theirsS / oursS, oursRss / theirsRss, oursS / read);
            if (!ours[3].equals(theirs[3])) {
                System.out.println("  reachable instances differ: Casebook " + ours[3] + ", VisualVM " + theirs[3]);
            }
        }
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
    private static String[] child(String tool, Path dump) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), CHILD_HEAP, "-cp",
                System.getProperty("java.class.path"), HeapBenchmark.class.getName() + "$Child", tool, dump.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(tool + " failed: " + out);
        }
        String[] lines = out.split("\n");
        return lines[lines.length - 1].split(" ");
    }

    /** One measured run in its own JVM. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dump = Path.of(args[1]);
            long start = System.nanoTime();
            long objects;
            long checksum = 0;
            if (args[0].equals("casebook")) {
                try (HprofHeap heap = HprofHeap.open(dump, CancelSignal.NEVER, ProgressListener.NONE)) {
                    TargetResult result = NearestRoots.analyse(heap, List.of(new TargetQuery.ClassName(ROOM)),
                            new NearestRoots.Options(10, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
                    objects = heap.objectCount();
                    checksum = result.reachable();
                }
            } else {
                Heap heap = HeapFactory.createHeap(dump.toFile());
                List<?> rooms = heap.getJavaClassByName(ROOM).getInstances();
                for (Object o : rooms) {
                    Instance current = (Instance) o;
                    int length = 1;
                    while (true) {
                        Instance next = current.getNearestGCRootPointer();
                        if (next == null || next.getInstanceId() == current.getInstanceId()) {
                            break;
                        }
                        current = next;
                        length++;
                    }
                    checksum += length > 0 && current.isGCRoot() ? 1 : 0;
                }
                objects = heap.getSummary().getTotalLiveInstances();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            System.out.println(String.format(Locale.ROOT, "%.3f", seconds) + " " + rss + " " + objects + " " + checksum);
        }
    }
}
