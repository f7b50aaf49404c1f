package dev.casebook.testing.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * Damages real inputs the way files and networks do, and the way an attacker would: cuts, bit flips,
 * lengths and counts set to 0, -1 or 2^31, ids copied from elsewhere, chunks dropped or repeated.
 * "Hot" offsets (a format's length and count fields) are hit more often than chance would. Seeded, so
 * a failure is reproduced from its seed and iteration.
 */
public final class Mutator {

    private static final long[] INTERESTING = {0, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000L};

    /** A damaged input and what was done to it. */
    public record Mutant(byte[] bytes, String how) {
    }

    private final Random random;

    public Mutator(long seed) {
        this.random = new Random(seed);
    }

    public Mutant mutate(byte[] original, int[] hotOffsets) {
        byte[] b = original.clone();
        StringBuilder how = new StringBuilder();
        int steps = 1 + random.nextInt(3);
        for (int s = 0; s < steps && b.length > 0; s++) {
            int at = hotOffsets.length > 0 && random.nextInt(3) == 0 ? hotOffsets[random.nextInt(hotOffsets.length)] : random.nextInt(b.length);
            at = Math.min(at, b.length - 1);
            switch (random.nextInt(7)) {
                case 0 -> {
                    b = Arrays.copyOf(b, at);
                    how.append("cut@").append(at);
                }
                case 1 -> {
                    int flips = 1 + random.nextInt(8);
                    for (int i = 0; i < flips; i++) {
                        int p = random.nextInt(b.length);
                        b[p] ^= (byte) (1 << random.nextInt(8));
                    }
                    how.append("flip").append(flips);
                }
                case 2 -> {
                    long v = random.nextInt(4) == 0 ? random.nextInt() & 0xFFFF_FFFFL : INTERESTING[random.nextInt(INTERESTING.length)];
                    putU4(b, at, v);
                    how.append("u4=").append(Long.toHexString(v)).append('@').append(at);
                }
                case 3 -> {
                    int from = random.nextInt(b.length);
                    int n = Math.min(8, Math.min(b.length - from, b.length - at));
                    System.arraycopy(b, from, b, at, n);
                    how.append("copy8 ").append(from).append("->").append(at);
                }
                case 4 -> {
                    int n = Math.min(1 + random.nextInt(64), b.length - at);
                    byte[] shorter = new byte[b.length - n];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + n, shorter, at, b.length - at - n);
                    b = shorter;
                    how.append("drop").append(n).append('@').append(at);
                }
                case 5 -> {
                    int n = Math.min(1 + random.nextInt(64), b.length - at);
                    byte[] longer = new byte[b.length + n];
                    System.arraycopy(b, 0, longer, 0, at + n);
                    System.arraycopy(b, at, longer, at + n, b.length - at);
                    b = longer;
                    how.append("repeat").append(n).append('@').append(at);
                }
                default -> {
                    b[at] = (byte) random.nextInt(256);
                    how.append("byte@").append(at);
                }
            }
            how.append(' ');
        }
        return new Mutant(b, how.toString().strip());
    }

    private static void putU4(byte[] b, int at, long v) {
        for (int i = 0; i < 4 && at + i < b.length; i++) {
            b[at + i] = (byte) (v >>> (24 - 8 * i));
        }
    }
}
