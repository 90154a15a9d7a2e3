package dev.rex.evaluation.run;

import dev.rex.metrics.CaptionMetrics;
import dev.rex.metrics.rex.RexEvaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RexEvaluation.Report} as the service stores and publishes it: one row per metric of the paper's table
 * (× 100, null where not computed, with the note saying why), and the report's counts and notes.
 */
public record MetricTable(List<Row> rows, int captionItems, int emptyPredictions, int noReference,
                          Map<String, String> notes) {

    public static final String GROUNDING_PUBLISHED = "Grounding_published";
    public static final String GROUNDING_CORRECTED = "Grounding_corrected";
    public static final String VQA_ACCURACY = "VQA_accuracy";

    /**
     * Why grounding is null here: it needs each question's annotated objects (GQA {@code annotations}) with their
     * scene-graph boxes, the image size and the image's 36 detected boxes; {@code rex.explanations} carries only the
     * object → token grounding and {@code rex.predictions} only the predicted regions' boxes.
     */
    public static final String GROUNDING_NOTE = "not computed by the service: the events carry neither the questions' "
            + "annotated objects with their boxes nor the images' size and 36 detected boxes; "
            + "'rex demo' and the CLI compute it from the GQA files";

    /** One metric: its name, score × 100 (null = not computed) and a note (why null, or how it was computed). */
    public record Row(String metric, Double value, String note) {
    }

    public MetricTable {
        rows = List.copyOf(rows);
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    public static MetricTable of(RexEvaluation.Report r) {
        Map<String, String> notes = new LinkedHashMap<>(r.notes());
        notes.put("grounding", GROUNDING_NOTE);
        List<Row> rows = new ArrayList<>();
        for (String k : CaptionMetrics.KEYS) {
            Double v = r.captions().get(k);
            String note = notes.get(k);
            if (v == null && note == null) {
                note = notes.getOrDefault("captions", notes.get("corpus"));
            }
            rows.add(new Row(k, v, note));
        }
        rows.add(new Row(GROUNDING_PUBLISHED, r.groundingPublished(), GROUNDING_NOTE));
        rows.add(new Row(GROUNDING_CORRECTED, r.groundingCorrected(), GROUNDING_NOTE));
        rows.add(new Row(VQA_ACCURACY, r.vqaAccuracy(),
                r.vqaAccuracy() == null ? notes.getOrDefault("vqa", "no prediction has a ground-truth answer") : null));
        return new MetricTable(rows, r.captionItems(), r.emptyPredictions(), r.noReference(), notes);
    }

    /** The computed metrics in table order: the {@code metrics} of the evaluation event (null rows left out). */
    public Map<String, Double> computed() {
        Map<String, Double> m = new LinkedHashMap<>();
        rows.forEach(row -> {
            if (row.value() != null) {
                m.put(row.metric(), row.value());
            }
        });
        return m;
    }
}
