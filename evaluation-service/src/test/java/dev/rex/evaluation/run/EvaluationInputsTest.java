package dev.rex.evaluation.run;

import dev.rex.events.ExplanationEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.metrics.rex.RexEvaluation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How stored events become RexEvaluation's input, and its report the published/persisted table (no broker). */
class EvaluationInputsTest {

    @Test
    void onlyPredictionsWithAReferenceRecordAreEvaluatedAndOnlyExplainedOnesGiveACaptionReference() {
        RexEvaluation.Input in = EvaluationInputs.of(List.of(
                new ScoredPrediction(prediction("a", "white", List.of("#1", "is", "white")),
                        reference("a", ExplanationEvent.Status.EXPLAINED, "white", "#1 is white")),
                new ScoredPrediction(prediction("b", "yes", List.of("#2", "is", "red")),
                        reference("b", ExplanationEvent.Status.REJECTED, "no", null)),
                new ScoredPrediction(prediction("c", "cat", List.of("#0")), null)), null, null);
        assertEquals(Map.of("a", "#1 is white", "b", "#2 is red"), in.explanations());
        assertEquals(Map.of("a", "#1 is white"), in.references());
        assertEquals(Map.of("a", "white", "b", "yes"), in.answers());
        assertEquals(Map.of("a", "white", "b", "no"), in.groundTruthAnswers());
        assertNull(in.grounding(), "no reference carries a grounding reference");
    }

    @Test
    void theTableHasEveryMetricOfThePaperNullOnesExplainedAndOnlyComputedOnesPublished() {
        RexEvaluation.Report r = new RexEvaluation.Report(
                Map.of("Bleu_1", 50.0, "Bleu_2", 40.0, "Bleu_3", 30.0, "Bleu_4", 20.0, "ROUGE_L", 45.0, "CIDEr", 300.0),
                null, 2, 0, 0, null, null, null, 75.0, null,
                Map.of("METEOR", "METEOR not available", "SPICE", "SPICE switched off (--no-spice)",
                        "grounding", "no grounding data given"));
        MetricTable t = MetricTable.of(r);
        assertEquals(List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "METEOR", "ROUGE_L", "CIDEr", "SPICE",
                MetricTable.GROUNDING_PUBLISHED, MetricTable.GROUNDING_CORRECTED, MetricTable.ATTRIBUTE_RECALL,
                MetricTable.VQA_ACCURACY, "OOD_all", "OOD_head", "OOD_tail"),
                t.rows().stream().map(MetricTable.Row::metric).toList(), "the paper's table, in order");
        assertEquals(List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "ROUGE_L", "CIDEr", MetricTable.VQA_ACCURACY),
                List.copyOf(t.computed().keySet()));
        MetricTable.Row spice = t.rows().stream().filter(x -> x.metric().equals("SPICE")).findFirst().orElseThrow();
        assertNull(spice.value());
        assertTrue(spice.note().contains("switched off"));
        MetricTable.Row grounding = t.rows().stream()
                .filter(x -> x.metric().equals(MetricTable.GROUNDING_PUBLISHED)).findFirst().orElseThrow();
        assertNull(grounding.value());
        assertEquals(MetricTable.GROUNDING_MISSING, grounding.note());
    }

    private static PredictionEvent prediction(String qid, String answer, List<String> tokens) {
        return new PredictionEvent("id-" + qid, "c-" + qid, 1, qid, "img", "val", PredictionEvent.Status.PREDICTED,
                answer, 0.5, tokens, List.of(), List.of(), "v1");
    }

    private static ExplanationEvent reference(String qid, ExplanationEvent.Status status, String answer, String converted) {
        return new ExplanationEvent("x-" + qid, "c-" + qid, 1, qid, "img", "val", status, "q?", answer, converted,
                converted, converted, List.of(), status == ExplanationEvent.Status.REJECTED ? "rejected" : null);
    }
}
