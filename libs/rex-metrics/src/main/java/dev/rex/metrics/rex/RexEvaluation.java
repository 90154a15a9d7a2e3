package dev.rex.metrics.rex;

import dev.rex.metrics.CaptionMetrics;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.CaptionReport;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REX's evaluation of a model on a split ({@code model/main.py test()} with {@code util/evaluation.py}), as one
 * call for the evaluation service and the CLI:
 * <ul>
 *   <li>caption metrics: questions whose reference explanation is empty (or absent) are skipped; empty
 *       predictions are dropped and counted; the rest is tokenized and scored with pycocoevalcap's metrics;
 *       every caption metric is then × 100 and scaled by {@code n / (n + empty)};</li>
 *   <li>grounding (both variants), attribute recall and VQA / GQA-OOD accuracy use every prediction, × 100.</li>
 * </ul>
 * Any part whose inputs are not given is left out ({@code null}) with a note.
 */
public final class RexEvaluation {

    private final CaptionMetrics captionMetrics;
    private final Grounding.Bound groundingBound;

    /** Evaluation with every caption metric available (see {@link CaptionMetrics}). */
    public RexEvaluation(CaptionOptions captionOptions) {
        this(new CaptionMetrics(captionOptions));
    }

    /** Evaluation with the given caption metrics, e.g. {@link CaptionMetrics#coreOnly}. */
    public RexEvaluation(CaptionMetrics captionMetrics) {
        this(captionMetrics, Grounding.Bound.SHARED);
    }

    /** Evaluation whose computed grounding upper bounds follow {@code groundingBound}. */
    public RexEvaluation(CaptionMetrics captionMetrics, Grounding.Bound groundingBound) {
        this.captionMetrics = captionMetrics;
        this.groundingBound = groundingBound;
    }

    /** This evaluation with computed grounding upper bounds measured as {@code bound} says. */
    public RexEvaluation withGroundingBound(Grounding.Bound bound) {
        return new RexEvaluation(captionMetrics, bound);
    }

    /**
     * What to evaluate. Only {@code explanations} is required.
     *
     * @param explanations       qid → predicted explanation (words joined by spaces; "" when the model
     *                           produced none), in evaluation order
     * @param references         qid → reference explanation (GQA-REX); "" or absent = none
     * @param answers            qid → predicted answer, or null
     * @param groundTruthAnswers qid → GQA answer (raw), or null
     * @param grounding          qid → grounding data, or null
     * @param attributes         attribute recall tables, or null
     * @param ood                OOD file name (e.g. "all", "head", "tail") → its qids, or null
     */
    public record Input(Map<String, String> explanations, Map<String, String> references,
                        Map<String, String> answers, Map<String, String> groundTruthAnswers,
                        Map<String, Grounding.Question> grounding, AttributeRecall attributes,
                        Map<String, ? extends Collection<String>> ood) {
    }

    /**
     * Scores × 100 (null where not computed).
     *
     * @param captions          caption metrics after REX's scaling (keys of {@link CaptionMetrics#KEYS})
     * @param captionRaw        the unscaled pycocoevalcap report of the kept items (per-item values)
     * @param captionItems      number of items scored (n)
     * @param emptyPredictions  dropped empty predictions (the "error count")
     * @param noReference       questions skipped for lack of a reference explanation
     */
    public record Report(Map<String, Double> captions, CaptionReport captionRaw, int captionItems,
                         int emptyPredictions, int noReference, Double groundingPublished,
                         Double groundingCorrected, Map<String, Double> attributeRecall, Double vqaAccuracy,
                         Map<String, Double> oodAccuracy, Map<String, String> notes) {
    }

    public Report evaluate(Input in) {
        Map<String, String> notes = new LinkedHashMap<>();

        // captions: organize_eval_data, then COCOEvalCap, then × n/(n+empty)
        Map<String, List<String>> gts = new LinkedHashMap<>();
        Map<String, List<String>> res = new LinkedHashMap<>();
        int empty = 0;
        int noRef = 0;
        Map<String, String> refs = in.references() == null ? Map.of() : in.references();
        for (Map.Entry<String, String> e : in.explanations().entrySet()) {
            String ref = refs.getOrDefault(e.getKey(), "");
            if (ref == null || ref.isEmpty()) {
                noRef++;
                continue;
            }
            String pred = e.getValue();
            if (pred == null || pred.isBlank()) {
                empty++;
                continue;
            }
            gts.put(e.getKey(), List.of(ref));
            res.put(e.getKey(), List.of(pred));
        }
        Map<String, Double> captions = new LinkedHashMap<>();
        CaptionMetrics.KEYS.forEach(k -> captions.put(k, null));
        CaptionReport raw = null;
        if (gts.isEmpty()) {
            notes.put("captions", "no question has both a reference and a non-empty prediction");
        } else {
            raw = captionMetrics.evaluateRaw(gts, res);
            double scale = gts.size() / (double) (gts.size() + empty);
            for (String k : CaptionMetrics.KEYS) {
                Double v = raw.corpus().get(k);
                captions.put(k, v == null ? null : v * 100 * scale);
            }
            notes.putAll(raw.notes());
        }

        // grounding
        Double published = null;
        Double corrected = null;
        if (in.grounding() == null) {
            notes.put("grounding", "no grounding data given");
        } else {
            Grounding.Result p = Grounding.evaluate(Grounding.Variant.PUBLISHED, groundingBound, in.explanations(),
                    in.grounding());
            Grounding.Result c = Grounding.evaluate(Grounding.Variant.CORRECTED, groundingBound, in.explanations(),
                    in.grounding());
            published = times100(p.score());
            corrected = times100(c.score());
            notes.put("grounding", String.format(java.util.Locale.ROOT,
                    "published = original mask (last annotated box only), corrected = all annotated boxes; "
                            + "computed upper bounds: " + (groundingBound == Grounding.Bound.SHARED
                            ? "one per question from all annotated boxes, for both" : "each variant's own mask")
                            + " (a bound file's value is used as is); "
                            + "questions skipped because no detected box overlaps their annotation (upper bound 0): "
                            + "%d published, %d corrected; %d without annotation; %d region indices out of range",
                    p.skippedZeroBound(), c.skippedZeroBound(), p.notAnnotated(), p.regionsOutOfRange()));
        }

        // attribute recall
        Map<String, Double> attributes = null;
        if (in.attributes() == null) {
            notes.put("attributes", "no attribute tables given");
        } else {
            AttributeRecall.Result r = in.attributes().evaluate(in.explanations());
            attributes = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : r.perCategory().entrySet()) {
                attributes.put(e.getKey(), times100(e.getValue()));
            }
            if (r.unknownAttributes() > 0) {
                notes.put("attributes", r.unknownAttributes() + " attribute(s) missing from attr2cat were skipped");
            }
        }

        // VQA and GQA-OOD
        Double vqa = null;
        Map<String, Double> ood = null;
        if (in.answers() == null || in.groundTruthAnswers() == null) {
            notes.put("vqa", "no predicted or ground-truth answers given");
        } else {
            VqaAccuracy.Result r = VqaAccuracy.evaluate(in.answers(), in.groundTruthAnswers());
            vqa = times100(Double.isNaN(r.accuracy()) ? null : r.accuracy());
            if (in.ood() != null) {
                ood = new LinkedHashMap<>();
                for (Map.Entry<String, ? extends Collection<String>> e : in.ood().entrySet()) {
                    double a = VqaAccuracy.oodAccuracy(r.correct(), e.getValue());
                    ood.put(e.getKey(), Double.isNaN(a) ? null : a * 100);
                }
            } else {
                notes.put("ood", "no GQA-OOD files given");
            }
        }
        return new Report(Collections.unmodifiableMap(captions), raw, gts.size(), empty, noRef, published, corrected,
                attributes == null ? null : Collections.unmodifiableMap(attributes), vqa,
                ood == null ? null : Collections.unmodifiableMap(ood), Collections.unmodifiableMap(notes));
    }

    private static Double times100(Double v) {
        return v == null ? null : v * 100;
    }
}
