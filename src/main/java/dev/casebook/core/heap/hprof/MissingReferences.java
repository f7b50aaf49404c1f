package dev.casebook.core.heap.hprof;

import com.carrotsearch.hppc.IntLongHashMap;
import com.carrotsearch.hppc.cursors.IntLongCursor;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * References to ids a dump does not hold, counted once each and by the object that holds them, and said in
 * one sentence that tells what they are and whether anything the program allocated was lost.
 *
 * <p>On every JDK 16+ dump of a JVM with class-data sharing (the default) they all come from one
 * {@code Object[]}, the roots of the archived heap, held by a JNI global: HotSpot maps those archived objects
 * (interned strings, boxed-number caches, the module graph) from the archive file and does not write them.
 * Nothing of the program's is missing then, and the warning says so instead of suggesting an old or damaged
 * dump. Elsewhere the holders are named, largest first, so the missing part can be judged.
 */
final class MissingReferences {

    /** How the object holding missing references is shown, and whether it is the JDK's archive roots. */
    record Holder(String typeAndId, String heldBy, boolean archiveRoots) {
    }

    private final IntLongHashMap byHolder = new IntLongHashMap();
    private long total;

    void add(int holder) {
        byHolder.addTo(holder, 1);
        total++;
    }

    long total() {
        return total;
    }

    /**
     * The warning, or null when every reference names an object in the dump. In a dump that was cut off the
     * missing objects are most likely in the part that is gone, and the warning says so.
     */
    String describe(IntFunction<Holder> holders, boolean cutOff) {
        if (total == 0) {
            return null;
        }
        int largest = -1;
        long largestCount = 0;
        for (IntLongCursor c : byHolder) {
            if (c.value > largestCount || (c.value == largestCount && c.key < largest)) {
                largest = c.key;
                largestCount = c.value;
            }
        }
        Holder top = holders.apply(largest);
        String from = top.typeAndId() + (top.heldBy() == null ? "" : " (held by a " + lowerFirst(top.heldBy()) + ")");
        long others = total - largestCount;
        int otherHolders = byHolder.size() - 1;
        if (top.archiveRoots()) {
            String sentence = String.format(Locale.ROOT, "%,d references from one %s, the roots of the JDK's class-data-sharing"
                    + " archive, name archived objects the JVM maps from its CDS archive file and does not write to the dump:"
                    + " they are the JDK's own (interned strings, boxed-number caches, the module graph), nothing the program"
                    + " allocated is missing", largestCount, from);
            return others == 0 ? sentence + "; they were skipped"
                    : sentence + String.format(Locale.ROOT, "; %,d more from %,d other object%s name ids that are not in the"
                            + " dump either (" + (cutOff ? "most likely in the part of the file that was cut off"
                                    : "written while the heap changed, or damaged") + "): chains through them are missing;"
                            + " all were skipped", others, otherHolders, otherHolders == 1 ? "" : "s");
        }
        return String.format(Locale.ROOT, "%,d references name ids that are not in the dump, %s from %s%s: the objects they"
                + " name %s, so chains through them are missing; they were skipped", total,
                largestCount == total ? "all" : String.format(Locale.ROOT, "%,d", largestCount), from, otherHolders == 0 ? "" : String.format(Locale.ROOT, " and the rest from %,d other object%s", otherHolders,
                        otherHolders == 1 ? "" : "s"),
                cutOff ? "are most likely in the part of the file that was cut off"
                        : "were not written (older JVMs and Android leave out some of the VM's own)");
    }

    private static String lowerFirst(String text) {
        // "Sticky class" reads "sticky class"; "JNI global reference" keeps its acronym.
        return text.length() < 2 || Character.isUpperCase(text.charAt(1)) ? text
                : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
