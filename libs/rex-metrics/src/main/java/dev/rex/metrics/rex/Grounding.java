package dev.rex.metrics.rex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REX's grounding score ({@code Grounding_Evaluator.eval_grounding}): the pixel IoU between the union of the
 * detected boxes of the regions {@code #k} the explanation names and the annotated objects' region, divided
 * by the question's upper bound; questions whose bound is 0 are skipped; the score is the mean over the rest.
 *
 * <p>Two variants, both reported:
 * <ul>
 *   <li>{@link Variant#PUBLISHED}: the original's mask fills only the <b>last</b> annotated box (its
 *       {@code gt[y1:y2, x1:x2] = 1} sits after the loop over the annotated objects) — the published numbers;</li>
 *   <li>{@link Variant#CORRECTED}: the union of all annotated boxes, as intended.</li>
 * </ul>
 * Pixel semantics follow NumPy: box corners truncated to integers ({@code int()}), slices clamped to the
 * {@code height × width} image. A token counts as a region when it contains {@code #} and the rest after its
 * first character is all digits ({@code '#' in cur and cur[1:].isnumeric()}); region indices outside the box
 * array are counted and ignored (the original would fail).
 *
 * <p>Upper bound: from the user's {@code grounding_upper_bound.json} when given — one bound per question, used by
 * both variants exactly as the original uses its one file. Otherwise it is computed as the IoU reached by greedily
 * adding, from the image's detected boxes, the box that raises the IoU most, until no box raises it (the original's
 * bound file was made by code that is not published), against the mask that {@link Bound} names.
 */
public final class Grounding {

    public enum Variant {
        /** The original's mask bug: only the last annotated box is filled (the published score). */
        PUBLISHED,
        /** All annotated boxes are filled. */
        CORRECTED
    }

    /** Which reference mask a computed upper bound is measured against (a bound from the user's file is used as is). */
    public enum Bound {
        /**
         * One bound per question for both variants, from the mask of ALL annotated boxes: the original ships one
         * bound file for its one (published) score, and a bound of the intended region is what it divides by.
         */
        SHARED,
        /** Each variant's bound from its own mask (the published variant: the last annotated box alone). */
        OWN_MASK;

        /** The option value: {@code shared} or {@code own-mask}. */
        public String label() {
            return this == SHARED ? "shared" : "own-mask";
        }

        public static Bound parse(String label) {
            for (Bound b : values()) {
                if (b.label().equals(label)) return b;
            }
            throw new IllegalArgumentException("upper bound '" + label + "' is not one of shared, own-mask");
        }
    }

    /**
     * One evaluated question.
     *
     * @param imageWidth  image width in pixels (mask columns)
     * @param imageHeight image height in pixels (mask rows)
     * @param annotated   the annotated objects' boxes {@code {x, y, w, h}} in annotation order (scene-graph units)
     * @param detected    the image's detected boxes {@code {x1, y1, x2, y2}} (the 36 regions {@code #0..#35})
     * @param upperBound  the question's bound from the user's file, or {@code null} to compute it
     */
    public record Question(int imageWidth, int imageHeight, List<int[]> annotated, float[][] detected,
                           Double upperBound) {
    }

    /** Mean score (raw scale; null when no question counts), per-qid scores, and counts. */
    public record Result(Variant variant, Double score, Map<String, Double> perQuestion, int skippedZeroBound,
                         int notAnnotated, int regionsOutOfRange) {
        public Result {
            perQuestion = Collections.unmodifiableMap(new LinkedHashMap<>(perQuestion));
        }
    }

    private Grounding() {
    }

    /**
     * @param predictions qid → predicted explanation (all predictions, in order)
     * @param questions   qid → grounding data; predicted qids without an entry are counted as not annotated
     */
    public static Result evaluate(Variant variant, Map<String, String> predictions, Map<String, Question> questions) {
        return evaluate(variant, Bound.SHARED, predictions, questions);
    }

    /** As {@link #evaluate(Variant, Map, Map)}, with computed upper bounds measured as {@code bound} says. */
    public static Result evaluate(Variant variant, Bound bound, Map<String, String> predictions,
                                  Map<String, Question> questions) {
        Map<String, Double> per = new LinkedHashMap<>();
        List<Double> scores = new ArrayList<>();
        int zero = 0;
        int missing = 0;
        int outOfRange = 0;
        for (Map.Entry<String, String> e : predictions.entrySet()) {
            Question q = questions.get(e.getKey());
            if (q == null) {
                missing++;
                continue;
            }
            PixelMask gt = groundTruth(variant, q);
            double limit = q.upperBound() != null ? q.upperBound()
                    : upperBound(bound == Bound.SHARED ? groundTruth(Variant.CORRECTED, q) : gt, q.detected());
            if (limit == 0) {
                zero++;
                continue;
            }
            PixelMask pred = new PixelMask(q.imageWidth(), q.imageHeight());
            for (int idx : regions(e.getValue() == null ? "" : e.getValue())) {
                if (idx >= q.detected().length) {
                    outOfRange++;
                    continue;
                }
                fillDetected(pred, q.detected()[idx]);
            }
            double s = PixelMask.iou(pred, gt) / limit;
            per.put(e.getKey(), s);
            scores.add(s);
        }
        double[] arr = scores.stream().mapToDouble(Double::doubleValue).toArray();
        Double mean = arr.length == 0 ? null : dev.rex.metrics.NumpySum.mean(arr);
        return new Result(variant, mean, per, zero, missing, outOfRange);
    }

    /** The region indices an explanation names, in order (duplicates kept; they do not change the union). */
    static List<Integer> regions(String explanation) {
        List<Integer> out = new ArrayList<>();
        for (String tok : dev.rex.gqa.text.PyText.split(explanation, ' ')) {
            if (tok.indexOf('#') >= 0 && tok.length() > 1 && isNumeric(tok.substring(1))) {
                try {
                    out.add(Integer.parseInt(tok.substring(1)));
                } catch (NumberFormatException tooLong) {
                    out.add(Integer.MAX_VALUE); // counted as out of range
                }
            }
        }
        return out;
    }

    /** Python's {@code str.isnumeric()} for the characters a region index can hold. */
    private static boolean isNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static PixelMask groundTruth(Variant variant, Question q) {
        PixelMask gt = new PixelMask(q.imageWidth(), q.imageHeight());
        List<int[]> boxes = q.annotated();
        if (boxes.isEmpty()) {
            return gt;
        }
        List<int[]> filled = variant == Variant.PUBLISHED ? List.of(boxes.get(boxes.size() - 1)) : boxes;
        for (int[] b : filled) {
            gt.fill(b[0], b[1], (long) b[0] + b[2], (long) b[1] + b[3]);
        }
        return gt;
    }

    private static void fillDetected(PixelMask mask, float[] box) {
        // int(x) truncates toward zero, like Java's (long) cast
        mask.fill((long) box[0], (long) box[1], (long) box[2], (long) box[3]);
    }

    /** Greedy upper bound: add the detected box that raises the IoU most, until none raises it. */
    static double upperBound(PixelMask gt, float[][] detected) {
        PixelMask[] candidates = new PixelMask[detected.length];
        for (int i = 0; i < detected.length; i++) {
            candidates[i] = new PixelMask(gt.width, gt.height);
            fillDetected(candidates[i], detected[i]);
        }
        PixelMask current = new PixelMask(gt.width, gt.height);
        boolean[] used = new boolean[detected.length];
        double best = 0.0;
        while (true) {
            int pick = -1;
            double pickIou = best;
            for (int i = 0; i < candidates.length; i++) {
                if (used[i]) {
                    continue;
                }
                double v = PixelMask.iouWith(current, candidates[i], gt);
                if (v > pickIou) {
                    pickIou = v;
                    pick = i;
                }
            }
            if (pick < 0) {
                return best;
            }
            used[pick] = true;
            current.or(candidates[pick]);
            best = pickIou;
        }
    }
}
