package dev.casebook.core.heap.pyheap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.casebook.core.heap.graph.CancelSignal;
import dev.casebook.core.heap.graph.ProgressListener;
import dev.casebook.core.heap.path.Chain;
import dev.casebook.core.heap.path.NearestRoots;
import dev.casebook.core.heap.path.PathGroup;
import dev.casebook.core.heap.path.TargetQuery;
import dev.casebook.core.heap.path.TargetResult;
import dev.casebook.testing.PyheapSnapshots;
import dev.casebook.testing.Targets;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a data dict's keys are a wildcard in groups, as a list's indices are, while namespaces (a module's
 * globals, an object's attributes) keep their names, and every group starts with its root. From a snapshot a
 * real python3 wrote of bound_cache.py.
 */
class DictKeyGroupsTest {

    private static final int ROOMS = 2000;

    @Test
    void aCacheOfBoundMethodsIsOneGroupAndEachGlobalOrAttributeItsOwn() throws IOException {
        PyheapGraph heap = PyheapReader.read(PyheapSnapshots.boundCache("bound-cache.pyheap", ROOMS), CancelSignal.NEVER,
                ProgressListener.NONE);
        TargetResult rooms = Targets.analyse(heap, List.of(new TargetQuery.ClassName("__main__.Room", false)),
                new NearestRoots.Options(3, false), CancelSignal.NEVER, ProgressListener.NONE).get(0);
        assertEquals(ROOMS + 5, rooms.reachable());
        String globals = "IMPLICIT: globals of module __main__";
        List<List<String>> paths = rooms.groups().stream().map(PathGroup::path).toList();
        assertEquals(List.of(
                List.of(globals, "dict ['cache']", "dict [*]", "method .__self__", "__main__.Room"),
                List.of(globals, "dict ['lobby']", "dict [*]", "method .__self__", "__main__.Room")), paths.subList(0, 2));
        assertEquals(List.of(ROOMS, 3, 1, 1), rooms.groups().stream().map(PathGroup::count).toList());
        // Python 3.11 shows the attribute dict vars() made (Desk <ref>, then dict ['first']); either way the
        // attribute names stay in the shape.
        assertEquals(List.of(globals, "dict ['desk']"), paths.get(2).subList(0, 2));
        assertTrue(String.join(" ", paths.get(2)).contains("first") && String.join(" ", paths.get(3)).contains("second"),
                paths.toString());
        // The chain keeps the real key.
        Chain first = rooms.chains().get(0);
        assertTrue(first.path().get(1).edge().matches("\\[\\d+\\]"), first.toString());
        assertEquals("['cache']", first.path().get(0).edge());
        assertTrue(first.root().description().startsWith("globals of module __main__ ("), first.root().description());
    }
}
