package dev.rex.metrics.rex;

import dev.rex.metrics.CaptionMetrics;
import dev.rex.metrics.CaptionOptions;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** REX's conventions: skip empty references, drop empty predictions, scale only caption metrics, x100. */
class RexEvaluationTest {

    @Test
    void conventionsOfTheOriginalEvaluation() {
        Map<String, String> pred = new LinkedHashMap<>();
        pred.put("q1", "the #0 is red");   // no reference: skipped by the caption metrics only
        pred.put("q2", "");                // empty prediction: dropped, counted
        pred.put("q3", "the #0 is red");   // identical to its reference
        pred.put("q4", "the #1 is wooden");
        Map<String, String> refs = Map.of("q1", "", "q2", "the #1 is blue", "q3", "the #0 is red",
                "q4", "the #1 is wooden");
        Map<String, Grounding.Question> grounding = new LinkedHashMap<>();
        float[][] boxes = {{0, 0, 4, 4}, {6, 6, 10, 10}};
        for (String q : List.of("q1", "q2", "q3")) {
            grounding.put(q, new Grounding.Question(10, 10, List.of(new int[] {0, 0, 4, 4}), boxes, null));
        }
        Map<String, String> attr2cat = Map.of("red", "color", "wooden", "material");
        AttributeRecall attrs = new AttributeRecall(Map.of("q1", List.of("red"), "q2", List.of("wooden")), attr2cat);
        RexEvaluation.Input in = new RexEvaluation.Input(pred, refs,
                Map.of("q1", "yes", "q2", "2", "q3", "no", "q4", "red"),
                Map.of("q1", "yes", "q2", "two", "q3", "yes", "q4", "red"),
                grounding, attrs, Map.of("all", Set.of("q1", "q2", "q3", "q5"), "tail", Set.of("q3")));
        RexEvaluation.Report r = new RexEvaluation(CaptionMetrics.coreOnly(CaptionOptions.defaults())).evaluate(in);

        assertEquals(2, r.captionItems());
        assertEquals(1, r.emptyPredictions());
        assertEquals(1, r.noReference());
        // both kept items are exact matches: raw BLEU-1 = ROUGE-L = 1, then x100 x 2/3
        assertEquals(200.0 / 3, r.captions().get("Bleu_1"), 1e-6);
        assertEquals(200.0 / 3, r.captions().get("ROUGE_L"), 1e-9);
        assertEquals(1.0, r.captionRaw().corpus().get("ROUGE_L"), 1e-12);
        assertNull(r.captions().get("SPICE"));
        // grounding uses every prediction with data: q1 (#0 = A: 1), q2 (empty: 0), q3 (1) -> 2/3, not scaled
        assertEquals(200.0 / 3, r.groundingCorrected(), 1e-9);
        assertEquals(200.0 / 3, r.groundingPublished(), 1e-9);
        // attributes: q1 recalls "red"; q2 (empty prediction) misses "wooden"
        assertEquals(100.0, r.attributeRecall().get("color"), 0.0);
        assertEquals(0.0, r.attributeRecall().get("material"), 0.0);
        // VQA: q1, q2 ("two" -> "2"), q4 correct of 4
        assertEquals(75.0, r.vqaAccuracy(), 1e-12);
        // OOD all: q1, q2 correct of the file's 4 qids; tail: q3 wrong
        assertEquals(50.0, r.oodAccuracy().get("all"), 1e-12);
        assertEquals(0.0, r.oodAccuracy().get("tail"), 0.0);
        assertTrue(r.notes().get("grounding").contains("published"), r.notes().toString());
    }

    @Test
    void missingPartsAreNullWithNotes() {
        RexEvaluation.Report r = new RexEvaluation(CaptionMetrics.coreOnly(CaptionOptions.defaults())).evaluate(
                new RexEvaluation.Input(Map.of("q", ""), Map.of("q", "a b"), null, null, null, null, null));
        assertEquals(0, r.captionItems());
        assertEquals(1, r.emptyPredictions());
        assertNull(r.captions().get("Bleu_4"));
        assertNull(r.groundingPublished());
        assertNull(r.vqaAccuracy());
        assertTrue(r.notes().containsKey("captions") && r.notes().containsKey("vqa") && r.notes().containsKey("grounding"));
    }
}
