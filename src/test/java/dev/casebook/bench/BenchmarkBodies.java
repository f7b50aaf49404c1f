package dev.casebook.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Realistic request bodies of a given size: arrays of order-like objects with ASCII and
 * non-ASCII strings, integers, prices, timestamps and nested arrays, with no duplicate keys, lone
 * surrogates or non-finite numbers, so that every profile can encode them.
 */
final class BenchmarkBodies {

    private BenchmarkBodies() {
    }

    static byte[] ofSize(int bytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder(bytes + 512);
        b.append("{\"requestId\":\"req-").append(r.nextInt(1_000_000)).append("\",\"items\":[");
        String[] names = {"Widget", "Gadget", "Café crème", "Zürich tram pass", "東京 ticket", "Gift 🎁", "a/b <c> & d"};
        boolean first = true;
        while (b.length() < bytes - 200) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"sku\":\"SKU-").append(r.nextInt(100000)).append("\",\"name\":\"").append(names[r.nextInt(names.length)])
                    .append("\",\"quantity\":").append(1 + r.nextInt(20))
                    .append(",\"price\":").append(r.nextInt(100000) / 100.0)
                    .append(",\"weight\":").append(r.nextDouble() * 1e-3)
                    .append(",\"createdAt\":").append(1_700_000_000_000L + r.nextInt(1_000_000_000))
                    .append(",\"tags\":[\"a\",\"b\\n\",\"c\\\"q\\\"\"],\"active\":").append(r.nextBoolean())
                    .append(",\"note\":null}");
        }
        b.append("],\"total\":12345.5}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
