package dev.casebook.core.heap.hprof;

import com.carrotsearch.hppc.LongLongHashMap;
import java.nio.charset.StandardCharsets;

/**
 * The dump's STRING records (class, field, method and file names), kept as file positions and decoded
 * only when a name is shown: one primitive map entry per string, no String objects until asked.
 */
final class StringTable {

    private static final int LENGTH_BITS = 24;
    private static final long MAX_LENGTH = (1L << LENGTH_BITS) - 1;

    private final LongLongHashMap positions = new LongLongHashMap();
    /** Names already decoded: field, class and method names repeat on every chain. */
    private final com.carrotsearch.hppc.LongObjectHashMap<String> decoded = new com.carrotsearch.hppc.LongObjectHashMap<>();
    private DumpFile file;

    void add(long id, long position, long length) {
        positions.put(id, (position << LENGTH_BITS) | Math.min(length, MAX_LENGTH));
    }

    void attach(DumpFile dump) {
        this.file = dump;
    }

    int size() {
        return positions.size();
    }

    /**
     * The string, or null when the dump has no STRING record with this id. Synchronized for the cache, since
     * two threads of one analysis name fields at once; names are asked per distinct step, not per object.
     */
    synchronized String get(long id) {
        String known = decoded.get(id);
        if (known != null) {
            return known;
        }
        int slot = positions.indexOf(id);
        if (!positions.indexExists(slot)) {
            return null;
        }
        long packed = positions.indexGet(slot);
        long position = packed >>> LENGTH_BITS;
        int length = (int) (packed & MAX_LENGTH);
        // HPROF writes modified UTF-8; plain UTF-8 decoding differs only for NUL and astral characters.
        String text = new String(file.bytes(position, length), StandardCharsets.UTF_8);
        if (length <= 256) {
            decoded.put(id, text);
        }
        return text;
    }

    /** The string, or a placeholder naming the missing id. */
    String getOrPlaceholder(long id) {
        String s = get(id);
        return s != null ? s : "<string 0x" + Long.toHexString(id) + ">";
    }
}
