package dev.casebook.core.heap.hprof;

/**
 * How many bytes an object takes in the heap it was dumped from. HPROF records field values, not the
 * runtime's layout, so the size is modelled as the JVMs lay objects out by default:
 *
 * <table>
 *   <tr><th>dump</th><th>object header</th><th>array header</th><th>reference</th><th>alignment</th></tr>
 *   <tr><td>8-byte ids (64-bit HotSpot; compressed oops and class pointers assumed, the default
 *       below 32 GB of heap)</td><td>12</td><td>16</td><td>4</td><td>8</td></tr>
 *   <tr><td>4-byte ids (32-bit HotSpot, Android's ART)</td><td>8</td><td>12</td><td>4</td><td>8</td></tr>
 * </table>
 *
 * <p>An instance is its header plus every field of its class and superclasses (each at its basic size,
 * references at the reference size), rounded up to the alignment; field packing gaps are not modelled, so
 * a size may be off by at most the alignment. An array is its header plus its elements. A class object is
 * a {@code java.lang.Class} instance plus its static fields (the runtime keeps statics with the class).
 * A 64-bit heap of 32 GB or more (no compressed oops) holds larger objects than this model says.
 */
final class ShallowSizes {

    private static final int ALIGNMENT = 8;
    static final int REFERENCE_SIZE = 4;

    private final int objectHeader;
    private final int arrayHeader;

    ShallowSizes(int idSize) {
        this.objectHeader = idSize == 4 ? 8 : 12;
        this.arrayHeader = idSize == 4 ? 12 : 16;
    }

    /** An instance of a class whose flattened field types are {@code layoutTypes}. */
    long instance(byte[] layoutTypes) {
        long bytes = objectHeader;
        for (byte type : layoutTypes) {
            bytes += type == BasicType.OBJECT ? REFERENCE_SIZE : BasicType.size(type, REFERENCE_SIZE, 0);
        }
        return align(bytes);
    }

    long objectArray(long length) {
        return align(arrayHeader + length * REFERENCE_SIZE);
    }

    long primitiveArray(int elementType, long length) {
        return align(arrayHeader + length * BasicType.size(elementType, REFERENCE_SIZE, 0));
    }

    /** A class object: a {@code java.lang.Class} instance of {@code classInstanceSize} plus the statics. */
    long classObject(long classInstanceSize, int staticReferences, int staticPrimitiveBytes) {
        return align(classInstanceSize + (long) staticReferences * REFERENCE_SIZE + staticPrimitiveBytes);
    }

    private static long align(long bytes) {
        return (bytes + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
