package dev.casebook.core.heap.hprof;

import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongLongHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives, once per class, what visiting an instance needs: its name, its superclass, every instance
 * field flattened in the order instance data is written (the class's own fields, then its superclass's,
 * up to java.lang.Object), the offsets of the reference fields among them, and which references
 * {@link ReferenceStrength} calls weak. Cost: O(classes x hierarchy depth), independent of object count.
 */
final class ClassLayouts {

    private ClassLayouts() {
    }

    static void resolve(HprofClass[] classes, LongIntHashMap classIndexById, LongLongHashMap classNameIds,
            StringTable strings, int idSize) {
        for (HprofClass c : classes) {
            long nameId = classNameIds.getOrDefault(c.id, 0L);
            String raw = nameId == 0 ? null : strings.get(nameId);
            c.name = raw == null ? "unknown class 0x" + Long.toHexString(c.id) : JavaNames.binaryName(raw);
            c.superIndex = c.superId == 0 ? -1 : classIndexById.getOrDefault(c.superId, -1);
        }
        for (HprofClass c : classes) {
            layOut(c, classes, strings, idSize);
        }
    }

    private static void layOut(HprofClass c, HprofClass[] classes, StringTable strings, int idSize) {
        List<HprofClass> chain = hierarchy(c, classes);
        List<String> names = chain.stream().map(k -> k.name).toList();
        int total = chain.stream().mapToInt(k -> k.fieldNameIds.length).sum();
        c.layoutOwners = new HprofClass[total];
        c.layoutNameIds = new long[total];
        c.layoutTypes = new byte[total];
        c.layoutOffsets = new int[total];
        int position = 0;
        int offset = 0;
        int refs = 0;
        for (HprofClass owner : chain) {
            for (int f = 0; f < owner.fieldNameIds.length; f++) {
                c.layoutOwners[position] = owner;
                c.layoutNameIds[position] = owner.fieldNameIds[f];
                c.layoutTypes[position] = owner.fieldTypes[f];
                c.layoutOffsets[position] = offset;
                offset += BasicType.size(owner.fieldTypes[f], idSize, 0);
                if (owner.fieldTypes[f] == BasicType.OBJECT) {
                    refs++;
                }
                position++;
            }
        }
        c.refOffsets = new int[refs];
        c.refLayoutPositions = new int[refs];
        c.refWeak = new boolean[refs];
        int r = 0;
        for (int i = 0; i < total; i++) {
            if (c.layoutTypes[i] == BasicType.OBJECT) {
                c.refOffsets[r] = c.layoutOffsets[i];
                c.refLayoutPositions[r] = i;
                c.refWeak[r] = ReferenceStrength.isWeakField(c.layoutOwners[i].name,
                        strings.getOrPlaceholder(c.layoutNameIds[i]), names);
                r++;
            }
        }
        for (int s = 0; s < c.staticRefNameIds.length; s++) {
            c.staticRefWeak[s] = ReferenceStrength.isWeakStatic(c.name, strings.getOrPlaceholder(c.staticRefNameIds[s]));
        }
    }

    /** The class and its superclasses, most specific first; stops at a cycle (a damaged dump). */
    private static List<HprofClass> hierarchy(HprofClass c, HprofClass[] classes) {
        List<HprofClass> chain = new ArrayList<>();
        HprofClass k = c;
        while (k != null && !chain.contains(k) && chain.size() < 256) {
            chain.add(k);
            k = k.superIndex < 0 ? null : classes[k.superIndex];
        }
        return chain;
    }
}
