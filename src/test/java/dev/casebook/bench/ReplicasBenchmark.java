package dev.casebook.bench;

import static io.restassured.RestAssured.given;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PackagedService;
import dev.casebook.testing.ReplicaSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Jobs per minute for one, two and three replicas of the packaged service in shared mode on the same load
 * (the same dump, uploaded round-robin, all at once), and the latency the shared store adds to one job
 * (upload to result, one at a time) against the local mode on the same machine. Every replica runs one
 * worker; the machine's cores are printed, since replicas on one machine share them: on two cores the
 * third replica has no core of its own, and the figures say what the queue costs, not what more machines buy.
 *
 * <p>Run: {@code ./mvnw -q package -DskipTests && ./mvnw -q exec:exec -Dbench=ReplicasBenchmark
 * [-Dbench.replicas.jobs=30]}.
 */
public final class ReplicasBenchmark {

    private static final String ROOM = "dev.casebook.testing.leaks.LeakyApp$Room";

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.replicas.jobs", 30);
        Path dump = HeapDumps.leakyLive();
        System.out.printf(Locale.ROOT, "%d cores, load average %s; %d jobs of a %.1f MB dump per run, one worker per replica%n",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0], jobs,
                Files.size(dump) / 1e6);
        List<String> settings = List.of("casebook.jobs.queue-size=1000", "casebook.jobs.max-active-per-owner=1000");

        double local;
        Path data = Files.createTempDirectory(Path.of("target"), "bench-local");
        try (PackagedService alone = PackagedService.start(data, settings.toArray(String[]::new))) {
            oneAtATime(List.of(alone), dump, 3);
            local = oneAtATime(List.of(alone), dump, 10);
        }
        double shared;
        double[] perMinute = new double[3];
        for (int n = 1; n <= 3; n++) {
            try (ReplicaSet set = ReplicaSet.start(n, settings)) {
                List<PackagedService> replicas = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    replicas.add(set.replica(i));
                }
                oneAtATime(replicas, dump, 3); // warm every replica's code a little
                if (n == 1) {
                    shared = oneAtATime(replicas, dump, 10);
                    System.out.printf(Locale.ROOT, "one job at a time, upload to result: local %.0f ms, shared %.0f ms:"
                            + " the shared store adds %.0f ms (%.2fx)%n", local * 1000, shared * 1000,
                            (shared - local) * 1000, shared / local);
                }
                perMinute[n - 1] = allAtOnce(replicas, dump, jobs);
                System.out.printf(Locale.ROOT, "%d replica%s: %.0f jobs/min (%.2fx one replica)%n", n, n == 1 ? "" : "s",
                        perMinute[n - 1], perMinute[n - 1] / perMinute[0]);
            }
        }
    }

    /** Mean seconds from upload to final state, one job at a time, round-robin over the replicas. */
    private static double oneAtATime(List<PackagedService> replicas, Path dump, int count) throws InterruptedException {
        long total = 0;
        for (int i = 0; i < count; i++) {
            PackagedService replica = replicas.get(i % replicas.size());
            long start = System.nanoTime();
            String id = submit(replica, dump);
            await(replica, id);
            total += System.nanoTime() - start;
        }
        return total / 1e9 / count;
    }

    /** Jobs per minute when {@code count} jobs arrive at once, spread over the replicas. */
    private static double allAtOnce(List<PackagedService> replicas, Path dump, int count) throws InterruptedException {
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(submit(replicas.get(i % replicas.size()), dump));
        }
        for (String id : ids) {
            await(replicas.get(0), id);
        }
        return count / ((System.nanoTime() - start) / 60e9);
    }

    private static String submit(PackagedService replica, Path dump) {
        return given().baseUri(replica.baseUri()).contentType("application/octet-stream").body(dump.toFile())
                .post("/v1/jobs?className=" + ROOM).then().statusCode(202).extract().jsonPath().getString("id");
    }

    private static void await(PackagedService replica, String id) throws InterruptedException {
        while (true) {
            String state = given().baseUri(replica.baseUri()).get("/v1/jobs/" + id).then().statusCode(200).extract()
                    .jsonPath().getString("state");
            if (state.equals("failed") || state.equals("cancelled")) {
                throw new IllegalStateException("job " + id + " " + state);
            }
            if (state.equals("succeeded")) {
                return;
            }
            Thread.sleep(10);
        }
    }
}
