package dev.casebook.core.heap.pyheap;

import java.util.HashMap;
import java.util.Map;

/** Which running frame's local holds an address, from the snapshot's thread records, to name roots. */
final class ThreadLocals {

    private final Map<Long, String> holders = new HashMap<>();

    /** Records a frame's locals; the innermost frame that holds an address names it. */
    void add(String thread, String function, String file, long line, Map<String, Long> frameLocals) {
        for (var local : frameLocals.entrySet()) {
            holders.putIfAbsent(local.getValue(), "local '" + local.getKey() + "' in " + thread + ", " + function
                    + "() at " + shortFile(file) + ":" + line);
        }
    }

    private static String shortFile(String file) {
        int slash = file.lastIndexOf('/');
        return slash >= 0 ? file.substring(slash + 1) : file;
    }

    /** A description of the frame that holds the address, or null. */
    String describe(long address) {
        return holders.get(address);
    }
}
