package dev.casebook.core.heap.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The join of censuses written out by hand: what counts as change, as growth at every step, and the order. */
class GrowthTest {

    private static final List<String> LIST = List.of("ROOT: a", "Holder list", "Item");
    private static final List<String> MAP = List.of("ROOT: b", "Holder map", "Item");

    private static Census census(long listItems, long mapItems, long holderBytes) {
        List<Census.ShapeRow> shapes = new java.util.ArrayList<>();
        if (listItems > 0) {
            shapes.add(new Census.ShapeRow("Item", LIST, listItems, 16 * listItems, 16 * listItems));
        }
        shapes.add(new Census.ShapeRow("Item", MAP, mapItems, 16 * mapItems, 16 * mapItems));
        shapes.add(new Census.ShapeRow("Holder", List.of("ROOT: a", "Holder"), 1, 24, holderBytes));
        return new Census(new Census.Totals(0, 0, 0, 0), List.of(
                new Census.ClassRow("Item", listItems + mapItems, 16 * (listItems + mapItems), 16 * (listItems + mapItems)),
                new Census.ClassRow("Holder", 1, 24, holderBytes)), shapes);
    }

    @Test
    void aShapeMissingFromACensusCountsAsNoneThere() {
        Growth.Report report = Growth.compare(List.of(census(0, 10, 100), census(5, 10, 100), census(9, 10, 100)));
        assertEquals(1, report.shapes().size(), "the unchanged shapes are left out: " + report.shapes());
        Growth.ShapeGrowth list = report.shapes().get(0);
        assertEquals(LIST, list.path());
        assertEquals(List.of(0L, 5L, 9L), list.steps());
        assertEquals(new Growth.Amount(0, 0, 0), list.before());
        assertEquals(new Growth.Amount(9, 144, 144), list.delta());
        assertTrue(list.growingEveryStep());
        assertEquals(List.of("Item"), report.classes().stream().map(Growth.ClassGrowth::className).toList());
        assertEquals(List.of(10L, 15L, 19L), report.classes().get(0).steps());
    }

    @Test
    void growthAtEveryStepNeedsEveryStepToGrow() {
        Growth.Report report = Growth.compare(List.of(census(5, 10, 100), census(5, 12, 200), census(5, 11, 300)));
        Growth.ShapeGrowth holder = report.shapes().stream().filter(g -> g.className().equals("Holder")).findFirst()
                .orElseThrow();
        assertTrue(holder.growingEveryStep(), "as many instances retaining more bytes grew");
        Growth.ShapeGrowth map = report.shapes().stream().filter(g -> g.path().equals(MAP)).findFirst().orElseThrow();
        assertFalse(map.growingEveryStep());
        assertEquals(List.of(10L, 12L, 11L), map.steps());
        assertEquals("Holder", report.shapes().get(0).className(), "the most retained bytes gained first");
    }

    @Test
    void shrinkingComesLast() {
        Growth.Report report = Growth.compare(List.of(census(50, 10, 100), census(0, 20, 100)));
        assertEquals(List.of(MAP, LIST), report.shapes().stream().map(Growth.ShapeGrowth::path).toList());
        assertEquals(-50, report.shapes().get(1).delta().instances());
        assertThrows(IllegalArgumentException.class, () -> Growth.compare(List.of(census(1, 1, 1))));
    }
}
