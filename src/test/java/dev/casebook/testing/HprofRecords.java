package dev.casebook.testing;

import java.nio.ByteBuffer;

/** Where things start in a real HPROF file, for tests that cut or damage one at a chosen place. */
public final class HprofRecords {

    private HprofRecords() {
    }

    /** The first top-level record that starts at or after {@code from}. */
    public static int recordAtOrAfter(byte[] dump, int from) {
        ByteBuffer b = ByteBuffer.wrap(dump);
        int at = firstRecord(dump);
        while (at < from) {
            at += 9 + b.getInt(at + 5);
        }
        return at;
    }

    /**
     * The offset of the first HEAP DUMP or HEAP DUMP SEGMENT record: a cut exactly there leaves a well-formed
     * file of strings and classes only.
     */
    public static int firstHeapDumpRecord(byte[] dump) {
        ByteBuffer b = ByteBuffer.wrap(dump);
        int at = firstRecord(dump);
        while (dump[at] != 0x0c && dump[at] != 0x1c) {
            at += 9 + b.getInt(at + 5);
        }
        return at;
    }

    /** After the header: its format name and NUL, the id size and the timestamp. */
    private static int firstRecord(byte[] dump) {
        int at = 0;
        while (dump[at] != 0) {
            at++;
        }
        return at + 1 + 4 + 8;
    }
}
