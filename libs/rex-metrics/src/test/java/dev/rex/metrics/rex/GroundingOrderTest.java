package dev.rex.metrics.rex;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Questions where the ORDER of the annotated objects decides the published grounding, with the expected values
 * derived by hand from the original {@code Grounding_Evaluator.eval_grounding}: its loop over {@code roi} only
 * assigns {@code x1, y1, x2, y2}; the single {@code gt[y1:y2, x1:x2] = 1} after the loop fills the LAST object.
 *
 * <p>A 10x10 image; A = (0,0,4,4) and B = (6,6,4,4) (x, y, w, h: 16 pixels each, disjoint); detected regions
 * #0 = A, #1 = B (x1, y1, x2, y2).
 */
class GroundingOrderTest {
    private static final int[] A = {0, 0, 4, 4};
    private static final int[] B = {6, 6, 4, 4};
    private static final float[][] DETECTED = {{0, 0, 4, 4}, {6, 6, 10, 10}};

    private static double score(Grounding.Variant v, Grounding.Bound bound, List<int[]> roi, Double fileBound,
                                String explanation) {
        Map<String, Grounding.Question> q = new LinkedHashMap<>();
        q.put("q", new Grounding.Question(10, 10, roi, DETECTED, fileBound));
        return Grounding.evaluate(v, bound, Map.of("q", explanation), q).score();
    }

    @Test
    void withTheOriginalsBoundFileTheLastObjectDecides() {
        // roi [A, B]: gt = B; "#0" fills A; IoU = 0 / 32 = 0 -> 0 / 1.0
        assertEquals(0.0, score(Grounding.Variant.PUBLISHED, Grounding.Bound.SHARED, List.of(A, B), 1.0, "#0"), 0.0);
        // roi [B, A]: gt = A; "#0" fills A; IoU = 16 / 16 = 1 -> 1 / 1.0
        assertEquals(1.0, score(Grounding.Variant.PUBLISHED, Grounding.Bound.SHARED, List.of(B, A), 1.0, "#0"), 0.0);
        // the file's bound divides as is: 1 / 0.8
        assertEquals(1.25, score(Grounding.Variant.PUBLISHED, Grounding.Bound.OWN_MASK, List.of(B, A), 0.8, "#0"),
                1e-15);
        // "#0 #1" fills A u B (32 px) against gt = A (16 px): 16 / 32
        assertEquals(0.5, score(Grounding.Variant.PUBLISHED, Grounding.Bound.SHARED, List.of(B, A), 1.0, "#0 #1"),
                0.0);
    }

    @Test
    void theCorrectedVariantDoesNotDependOnOrder() {
        // gt = A u B (32 px); "#0" = A: 16 / 32; computed bound: #0 (0.5) then #1 (1.0) -> 1.0
        for (List<int[]> roi : List.of(List.of(A, B), List.of(B, A))) {
            assertEquals(0.5, score(Grounding.Variant.CORRECTED, Grounding.Bound.SHARED, roi, null, "#0"), 0.0);
            assertEquals(0.5, score(Grounding.Variant.CORRECTED, Grounding.Bound.OWN_MASK, roi, null, "#0"), 0.0);
        }
    }

    @Test
    void computedBoundsFollowTheNamedConvention() {
        // a third object C = (0,0,10,2) overlapping A: roi [B, A, C]; published gt = C (20 px)
        int[] c = {0, 0, 10, 2};
        float[][] detected = {{0, 0, 4, 4}, {6, 6, 10, 10}, {0, 0, 5, 2}};
        Map<String, Grounding.Question> q = new LinkedHashMap<>();
        q.put("q", new Grounding.Question(10, 10, List.of(B, A, c), detected, null));
        // "#2" fills (0,0)-(5,2): 10 px, all inside C; IoU with C = 10 / 20 = 0.5.
        // own mask (C): the greedy bound picks #2 (10/20 = 0.5); adding #0 gives A u #2 = 18 px, 10 of them in C,
        //   union with C 28 -> 10/28 < 0.5; adding #1 lowers it too: the bound stays 0.5 -> score 1.0.
        assertEquals(1.0, Grounding.evaluate(Grounding.Variant.PUBLISHED, Grounding.Bound.OWN_MASK,
                Map.of("q", "#2"), q).score(), 1e-15);
        // shared: bound against A u B u C (16 + 16 + 20 - 8 = 44 px). Greedy: #0 = A: 16/44; #1 = B: 16/44;
        //   #2: 10/44 -> pick #0 (first of the ties); then #1: 32/44; then #2: (32 + 2) / 44 = 34/44 -> bound 34/44.
        //   published score = 0.5 / (34/44) = 22/34.
        assertEquals(22.0 / 34.0, Grounding.evaluate(Grounding.Variant.PUBLISHED, Grounding.Bound.SHARED,
                Map.of("q", "#2"), q).score(), 1e-15);
    }
}
