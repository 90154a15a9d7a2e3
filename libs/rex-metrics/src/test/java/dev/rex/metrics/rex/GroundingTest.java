package dev.rex.metrics.rex;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A 10x10 image with two annotated objects A = (0,0,4,4) and B = (6,6,4,4) (x, y, w, h; 16 pixels each) and
 * three detected regions #0 = A, #1 = B, #2 = the whole image (x1, y1, x2, y2).
 */
class GroundingTest {

    private static final float[][] DETECTED = {{0, 0, 4, 4}, {6, 6, 10, 10}, {0, 0, 10, 10}};

    private static Map<String, Grounding.Question> question(Double bound) {
        Map<String, Grounding.Question> q = new LinkedHashMap<>();
        q.put("q", new Grounding.Question(10, 10, List.of(new int[] {0, 0, 4, 4}, new int[] {6, 6, 4, 4}),
                DETECTED, bound));
        return q;
    }

    private static Double score(Grounding.Variant v, String explanation, Double bound) {
        return Grounding.evaluate(v, Map.of("q", explanation), question(bound)).score();
    }

    @Test
    void publishedVariantFillsOnlyTheLastAnnotatedBox() {
        // published ground truth = B only: #0 (= A) does not overlap it; computed bound: #1 alone gives 1
        assertEquals(0.0, score(Grounding.Variant.PUBLISHED, "the #0 is red", null), 1e-12);
        // #0 and #1 = A u B against B: 16 / 32
        assertEquals(0.5, score(Grounding.Variant.PUBLISHED, "#1 and #0", null), 1e-12);
    }

    @Test
    void correctedVariantUsesEveryAnnotatedBox() {
        // A against A u B = 16/32; greedy bound: #0 (0.5), then #1 -> 1.0
        assertEquals(0.5, score(Grounding.Variant.CORRECTED, "the #0 is red", null), 1e-12);
        assertEquals(1.0, score(Grounding.Variant.CORRECTED, "#1 and #0", null), 1e-12);
        // the whole image: 32/100
        assertEquals(0.32, score(Grounding.Variant.CORRECTED, "#2", null), 1e-12);
        // no region named: IoU 0
        assertEquals(0.0, score(Grounding.Variant.CORRECTED, "a red car @3", null), 0.0);
    }

    @Test
    void userUpperBoundDividesAndZeroBoundSkips() {
        assertEquals(1.0, score(Grounding.Variant.CORRECTED, "the #0", 0.5), 1e-12);
        Grounding.Result r = Grounding.evaluate(Grounding.Variant.CORRECTED, Map.of("q", "#0"), question(0.0));
        assertNull(r.score());
        assertEquals(1, r.skippedZeroBound());
    }

    @Test
    void greedyUpperBoundStopsWhenNoBoxHelps() {
        Grounding.Question onlyA = new Grounding.Question(10, 10, List.of(new int[] {0, 0, 4, 4}), DETECTED, null);
        // #0 reaches 1.0; adding anything lowers it
        assertEquals(1.0, Grounding.upperBound(Grounding.groundTruth(Grounding.Variant.CORRECTED, onlyA), DETECTED),
                1e-12);
        // ground truth [2,6) x [2,6) (16 px): #1 = [4,6)^2 lies inside it (4/16 = 0.25) and is taken first;
        // adding #0 = [0,4)^2 (4 px inside, 12 outside) gives 8 / 28 = 2/7 > 0.25, so it is added too
        Grounding.Question odd = new Grounding.Question(10, 10, List.of(new int[] {2, 2, 4, 4}),
                new float[][] {{0, 0, 4, 4}, {4, 4, 6, 6}}, null);
        assertEquals(2.0 / 7.0, Grounding.upperBound(Grounding.groundTruth(Grounding.Variant.CORRECTED, odd),
                new float[][] {{0, 0, 4, 4}, {4, 4, 6, 6}}), 1e-12);
    }

    @Test
    void boxesAreTruncatedAndSlicedLikeNumpy() {
        PixelMask m = new PixelMask(10, 10);
        m.fill((long) 0.9f, (long) 0.9f, (long) 4.9f, (long) 4.9f); // int() truncation -> [0,4) x [0,4)
        PixelMask a = new PixelMask(10, 10);
        a.fill(0, 0, 4, 4);
        assertEquals(1.0, PixelMask.iou(m, a), 0.0);
        PixelMask neg = new PixelMask(10, 10);
        neg.fill(-2, 0, 10, 10); // columns 8 and 9 only, like mask[0:10, -2:10]
        PixelMask cols = new PixelMask(10, 10);
        cols.fill(8, 0, 10, 10);
        assertEquals(1.0, PixelMask.iou(neg, cols), 0.0);
        PixelMask wide = new PixelMask(130, 3); // crosses 64-bit words
        wide.fill(60, 0, 129, 3);
        PixelMask half = new PixelMask(130, 3);
        half.fill(60, 0, 95, 3);
        assertEquals(35.0 / 69.0, PixelMask.iou(wide, half), 1e-12);
    }

    @Test
    void regionTokensFollowTheOriginalTest() {
        assertEquals(List.of(12, 3), Grounding.regions("the #12 is left of #3 and @5 x#1"));
        assertEquals(List.of(), Grounding.regions("# 12 #a #"));
    }

    @Test
    void outOfRangeRegionsAreCountedNotFatal() {
        Grounding.Result r = Grounding.evaluate(Grounding.Variant.CORRECTED, Map.of("q", "#0 #99"), question(null));
        assertEquals(1, r.regionsOutOfRange());
        assertEquals(0.5, r.score(), 1e-12);
    }
}
