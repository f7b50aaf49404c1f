package dev.casebook.core.heap.hprof;

/**
 * One CLASS DUMP record, and the layout derived from it once every class is known: where each
 * instance field sits in an instance's data (this class's fields first, then its superclass's, as
 * HotSpot and ART write them), which of those are references, and which references are not strong.
 */
final class HprofClass {

    final long id;
    final long superId;
    final long loaderId;
    final long signersId;
    final long protectionDomainId;
    final int instanceSize;
    /** This class's own instance fields, in record order. */
    final long[] fieldNameIds;
    final byte[] fieldTypes;
    /** Static fields holding references: their name string ids and values. */
    final long[] staticRefNameIds;
    final long[] staticRefValues;

    /** Bytes of the static fields that are not references (for the class object's shallow size). */
    int staticPrimitiveBytes;

    // Resolved after the first pass.
    String name = "";
    int superIndex = -1;
    /** Every instance field, flattened: declaring class, name, type and offset in the instance data. */
    HprofClass[] layoutOwners = new HprofClass[0];
    long[] layoutNameIds = new long[0];
    byte[] layoutTypes = new byte[0];
    int[] layoutOffsets = new int[0];
    /** The reference fields only: offset in the data, position in the flattened layout, strength. */
    int[] refOffsets = new int[0];
    int[] refLayoutPositions = new int[0];
    boolean[] refWeak = new boolean[0];
    boolean[] staticRefWeak;
    /** An instance's shallow size under the dump's {@link ShallowSizes} model. */
    long instanceShallowSize;
    /** Whether this class is java.lang.ClassLoader or a subclass. */
    boolean isClassLoader;
    /** This class's own object (its java.lang.Class), for the instance-to-class edge. */
    int objectIndex = -1;

    HprofClass(long id, long superId, long loaderId, long signersId, long protectionDomainId, int instanceSize,
            long[] fieldNameIds, byte[] fieldTypes, long[] staticRefNameIds, long[] staticRefValues) {
        this.id = id;
        this.superId = superId;
        this.loaderId = loaderId;
        this.signersId = signersId;
        this.protectionDomainId = protectionDomainId;
        this.instanceSize = instanceSize;
        this.fieldNameIds = fieldNameIds;
        this.fieldTypes = fieldTypes;
        this.staticRefNameIds = staticRefNameIds;
        this.staticRefValues = staticRefValues;
        this.staticRefWeak = new boolean[staticRefNameIds.length];
    }

    private volatile String[] staticLabels;

    /**
     * "static NAME" for a static reference field, built once. Two threads of an analysis may ask at once: the
     * table is read once into a local, and a label two threads build is the same string.
     */
    String staticLabel(int slot, StringTable strings) {
        String[] labels = staticLabels;
        if (labels == null) {
            labels = new String[staticRefNameIds.length];
            staticLabels = labels;
        }
        String label = labels[slot];
        if (label == null) {
            label = "static " + strings.getOrPlaceholder(staticRefNameIds[slot]);
            labels[slot] = label;
        }
        return label;
    }

    /** The position of the named field in the flattened layout, searching from this class upward; -1 if none. */
    int layoutPosition(String fieldName, StringTable strings) {
        for (int i = 0; i < layoutNameIds.length; i++) {
            if (fieldName.equals(strings.get(layoutNameIds[i]))) {
                return i;
            }
        }
        return -1;
    }
}
