package dev.rex.gqa.ground;

import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.model.SceneObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrounderTest {
    private static SceneObject obj(String id, double x, double y, double w, double h) {
        return new SceneObject(id, "thing", x, y, w, h, true, List.of(), List.of());
    }

    @Test
    void unclampedOverlapLetsABoxDisjointOnBothAxesWin() {
        // object 40..60 x 40..60; box 0 lies beyond it on both axes, box 1 truly overlaps by 1x1
        float quirk = Iou.iou(40, 40, 60, 60, 70, 70, 170, 170, false);
        float real = Iou.iou(40, 40, 60, 60, 59, 59, 79, 79, false);
        assertEquals(100f / 10300f, quirk, 1e-9);
        assertEquals(1f / 799f, real, 1e-9);
        assertTrue(quirk > real);
        assertEquals(0f, Iou.iou(40, 40, 60, 60, 70, 70, 170, 170, true));
        SceneGraph g = new SceneGraph("1", 100, 100, null, null, Map.of("31", obj("31", 40, 40, 20, 20)));
        float[][] boxes = {{70, 70, 170, 170}, {59, 59, 79, 79}};
        assertEquals("#0 is red", new Grounder(IouMode.REFERENCE).ground("(obj:31) is red", g, boxes));
        assertEquals("#1 is red", new Grounder(IouMode.CLAMPED).ground("(obj:31) is red", g, boxes));
    }

    @Test
    void objectWithoutPositiveIouKeepsItsId() {
        SceneGraph g = new SceneGraph("1", 100, 100, null, null, Map.of("7", obj("7", 0, 0, 10, 10)));
        float[][] boxes = {{20, 0, 40, 10}}; // disjoint on x only: negative overlap
        assertEquals("7 is gray", new Grounder(IouMode.REFERENCE).ground("(obj:7) is gray", g, boxes));
    }

    @Test
    void markersAreStrippedAsTheOriginalsReplaceChainDoes() {
        for (String t : new String[]{"(obj:1) on (obj*:table (-))", "obobj:j: x", "obobj*:j: (obj:2)", "(obj:)", "",
                "obj:obj:obj:", "(a(b))"}) {
            String python = t.replace("obj*:", "").replace("obj:", "").replace('(', ' ').replace(')', ' ');
            assertEquals(python, Grounder.stripMarkers(t), t);
        }
    }

    @Test
    void gridCells() {
        assertEquals(1, Grounder.gridCell("0.1,0.2"));
        assertEquals(5, Grounder.gridCell("0.2,0.3"));
        assertEquals(7, Grounder.gridCell("0.7,0.4"));
        assertEquals(16, Grounder.gridCell("0.9,1.0"));
        assertEquals(16, Grounder.gridCell("1.5,1.5")); // beyond the image: the last cell, as the loop leaves it
        SceneGraph g = new SceneGraph("1", 100, 100, null, null, Map.of());
        assertEquals("x is located at @5 , while", new Grounder(IouMode.REFERENCE)
                .ground("x is located at (0.2,0.3), while", g, new float[0][]));
    }

    @Test
    void float32ArithmeticDecidesNearTies() {
        // a Python-int object against float32 boxes: computed in float32 as NumPy 2 does
        float a = Iou.iou(10, 20, 40, 60, 11, 21, 41, 61, false);
        float inter = 29f * 39f;
        float union = (1200f + 1200f) - inter;
        assertEquals(inter / union, a);
    }
}
