package dev.casebook.web.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.testing.HeapDumps;
import dev.casebook.testing.PackagedService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Several clients at once on loopback, bounded in count and time: canonical requests and dump
 * uploads together against the packaged service. Asserted: the queue limit answers 429, the service's
 * memory stays within its bounds, every accepted job ends (after a restart with a worker: analysis is
 * paused during the load so that the queue fills however fast the machine is). Printed, not asserted (a 2-core machine
 * is noisy): requests/s and latency percentiles of /v1/canonical under that load.
 */
class LoadIT {

    private static final Duration BASELINE = Duration.ofSeconds(5);
    private static final Duration RUN = Duration.ofSeconds(10);
    private static final int CANONICAL_CLIENTS = 4;
    private static final int UPLOAD_CLIENTS = 3;
    private static final String BODY = "{\"profile\":\"python-json\",\"credentials\":{\"customerId\":\"1234\",\"authToken\":\"tok-abc\"},"
            + "\"body\":{\"url\":\"http://example.com/a\",\"n\":1.0,\"items\":[1,2,3,{\"k\":\"v\"}]},\"query\":[[\"a\",\"1\"]]}";

    @Test
    void underConcurrentUploadsAndCanonicalRequestsNothingIsLostAndMemoryStaysBounded() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "it-load");
        Path dump = HeapDumps.leakyLive();
        // Analysis paused during the load (workers=0), so that the queue fills whatever the machine's speed
        // and its limit must answer; the accepted jobs then run after a restart with a worker.
        List<String> kept;
        try (PackagedService service = PackagedService.start(data, "casebook.jobs.queue-size=8", "casebook.jobs.workers=0",
                "casebook.jobs.max-active-per-owner=1000")) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            // The baseline, in the same run: the same canonical clients with nothing else going on.
            List<Long> alone = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger canonicalErrors = new AtomicInteger();
            long baselineEnd = System.nanoTime() + BASELINE.toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CANONICAL_CLIENTS; i++) {
                clients.add(started(() -> canonicalClient(http, service, baselineEnd, alone, canonicalErrors)));
            }
            for (Thread t : clients) {
                t.join();
            }
            clients.clear();

            long end = System.nanoTime() + RUN.toNanos();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger otherUploadAnswers = new AtomicInteger();
            AtomicLong maxRssKb = new AtomicLong();
            for (int i = 0; i < CANONICAL_CLIENTS; i++) {
                clients.add(started(() -> canonicalClient(http, service, end, latencies, canonicalErrors)));
            }
            for (int i = 0; i < UPLOAD_CLIENTS; i++) {
                clients.add(started(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.baseUri()
                                            + "/v1/jobs?className=dev.casebook.testing.leaks.LeakyApp$Room"))
                                    .header("Content-Type", "application/octet-stream")
                                    .POST(HttpRequest.BodyPublishers.ofFile(dump)).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 202) {
                                accepted.add(r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
                            } else if (r.statusCode() == 429 && r.headers().firstValue("Retry-After").isPresent()) {
                                refused.incrementAndGet();
                                Thread.sleep(20);
                            } else {
                                otherUploadAnswers.incrementAndGet();
                            }
                        } catch (Exception e) {
                            otherUploadAnswers.incrementAndGet();
                        }
                    }
                }));
            }
            Thread sampler = started(() -> {
                while (System.nanoTime() < end) {
                    maxRssKb.accumulateAndGet(rssKb(service.pid()), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            for (Thread t : clients) {
                t.join();
            }
            sampler.join();

            List<Long> sorted = sortedCopy(latencies);
            List<Long> baseline = sortedCopy(alone);
            double rate = sorted.size() / (RUN.toNanos() / 1e9);
            double baselineRate = baseline.size() / (BASELINE.toNanos() / 1e9);
            System.out.printf("load: /v1/canonical alone (%d clients, %d s): %.0f req/s, p50 %.2f ms, p99 %.2f ms%n",
                    CANONICAL_CLIENTS, BASELINE.toSeconds(), baselineRate, pct(baseline, 0.50), pct(baseline, 0.99));
            System.out.printf("load: /v1/canonical with %d clients uploading dumps (%d s): %.0f req/s (%.2f of alone), p50 %.2f ms,"
                            + " p99 %.2f ms (%.1fx alone), max %.2f ms, %d not 200; uploads: %d accepted, %d refused with 429, %d other;"
                            + " service RSS max %d MB%n",
                    UPLOAD_CLIENTS, RUN.toSeconds(), rate, rate / baselineRate, pct(sorted, 0.50), pct(sorted, 0.99),
                    pct(sorted, 0.99) / pct(baseline, 0.99), sorted.get(sorted.size() - 1) / 1e6, canonicalErrors.get(),
                    accepted.size(), refused.get(), otherUploadAnswers.get(), maxRssKb.get() / 1024);

            assertEquals(0, canonicalErrors.get(), "every canonical request answered 200");
            assertEquals(0, otherUploadAnswers.get(), "every upload answered 202 or 429");
            assertTrue(refused.get() > 0, "the queue limit answered 429");
            assertTrue(!accepted.isEmpty(), "uploads were accepted");
            // -Xmx512m: heap, metaspace, code and mapped dump pages stay well under a gigabyte.
            assertTrue(maxRssKb.get() < 1024 * 1024, "RSS " + maxRssKb.get() / 1024 + " MB");
            assertEquals(8, accepted.size(), "exactly the queue's length was accepted");
            kept = List.copyOf(accepted);
        }
        try (PackagedService service = PackagedService.start(data)) {
            for (String id : kept) {
                assertEquals("succeeded", service.awaitFinal(id), "job " + id + " ends");
            }
            assertEquals(Set.copyOf(kept), Set.copyOf(given().baseUri(service.baseUri()).get("/v1/jobs").jsonPath().getList("id", String.class)),
                    "no job lost, none invented");
        }
    }

    private static void canonicalClient(HttpClient http, PackagedService service, long end, List<Long> latencies, AtomicInteger errors) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUri() + "/v1/canonical"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                latencies.add(System.nanoTime() - t0);
                if (status != 200) {
                    errors.incrementAndGet();
                }
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }
    }

    private static List<Long> sortedCopy(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    private static Thread started(Runnable body) {
        Thread t = new Thread(body);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // the process is gone or /proc is not there
        }
        return 0;
    }
}
