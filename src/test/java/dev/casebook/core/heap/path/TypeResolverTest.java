package dev.casebook.core.heap.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.path.TypeResolver.TypeMatch;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TypeResolverTest {

    private static final Set<String> KNOWN = Set.of("com.example.LeakApp$Leak", "com.example.LeakApp$Leak[]",
            "com.example.a.Room", "com.example.b.Room", "com.example.Registry", "java.lang.Thread",
            "com.example.Worker", "com.example.Worker$1", "java.lang.Object", "com.example.RoomCache",
            "com.example.Rooms");

    private static final Map<String, Set<String>> SUPERTYPES = Map.of(
            "com.example.Worker", Set.of("java.lang.Thread"),
            "com.example.Worker$1", Set.of("com.example.Worker"),
            "java.lang.Thread", Set.of("java.lang.Object"),
            "com.example.AbstractPool", Set.of("java.lang.Object"),
            "com.example.Pool", Set.of("com.example.AbstractPool"));

    private static TypeMatch resolve(String asked, boolean subclasses) {
        return new TypeResolver(KNOWN, () -> SUPERTYPES).resolve(asked, subclasses);
    }

    @Test
    void theBinaryNameIsTakenAsItIs() {
        assertEquals(Set.of("com.example.LeakApp$Leak"), resolve("com.example.LeakApp$Leak", false).types());
    }

    @Test
    void aCanonicalNameFindsTheNestedClass() {
        assertEquals(Set.of("com.example.LeakApp$Leak"), resolve("com.example.LeakApp.Leak", false).types());
        assertEquals(Set.of("com.example.LeakApp$Leak[]"), resolve("com.example.LeakApp.Leak[]", false).types());
    }

    @Test
    void anUnambiguousSimpleOrPartialNameFindsItsClass() {
        assertEquals(Set.of("com.example.LeakApp$Leak"), resolve("Leak", false).types());
        assertEquals(Set.of("com.example.LeakApp$Leak"), resolve("LeakApp.Leak", false).types());
        assertEquals(Set.of("com.example.Registry"), resolve("Registry", false).types());
    }

    @Test
    void anAmbiguousSimpleNameMatchesNothingAndNamesTheCandidates() {
        TypeMatch room = resolve("Room", false);
        assertTrue(room.types().isEmpty());
        assertTrue(room.ambiguous());
        assertEquals(List.of("com.example.a.Room", "com.example.b.Room"), room.similar());
    }

    @Test
    void aNameThatMatchesNothingOffersUpToFiveNearNames() {
        TypeMatch typo = resolve("Regsitry", false);
        assertTrue(typo.types().isEmpty());
        assertFalse(typo.ambiguous());
        assertEquals("com.example.Registry", typo.similar().get(0));
        TypeMatch prefix = resolve("com.example.Roo", false);
        assertTrue(prefix.similar().containsAll(List.of("com.example.a.Room", "com.example.b.Room",
                "com.example.Rooms", "com.example.RoomCache")), prefix.similar().toString());
        assertTrue(prefix.similar().indexOf("com.example.RoomCache") > prefix.similar().indexOf("com.example.Rooms"),
                "closer names first: " + prefix.similar());
        assertEquals(List.of(), resolve("Zebra", false).similar());
        assertTrue(resolve("o", false).similar().size() <= TypeResolver.MAX_SIMILAR);
    }

    @Test
    void subclassesAddEveryTypeBelowTheAskedOne() {
        assertEquals(Set.of("java.lang.Thread"), resolve("java.lang.Thread", false).types());
        assertEquals(Set.of("java.lang.Thread", "com.example.Worker", "com.example.Worker$1"),
                resolve("java.lang.Thread", true).types());
        assertEquals(Set.of("com.example.Worker", "com.example.Worker$1"), resolve("Worker", true).types());
    }

    @Test
    void anAbstractBaseWithoutInstancesStillFindsItsSubclasses() {
        assertTrue(resolve("com.example.AbstractPool", false).types().isEmpty());
        assertEquals(Set.of("com.example.AbstractPool", "com.example.Pool"),
                resolve("com.example.AbstractPool", true).types());
    }

    @Test
    void editDistanceStopsEarlyPastItsLimit() {
        assertEquals(0, TypeResolver.editDistance("room", "room", 2));
        assertEquals(1, TypeResolver.editDistance("room", "rooms", 2));
        assertEquals(2, TypeResolver.editDistance("regsitry", "registry", 2));
        assertEquals(3, TypeResolver.editDistance("abcdef", "uvwxyz", 2));
    }
}
