package dev.rex.evaluation.run;

import dev.rex.events.EvaluationEvent;
import dev.rex.metrics.CaptionMetrics;
import dev.rex.metrics.rex.RexEvaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RexEvaluation.Report} as the service stores and publishes it: one row per metric of the paper's table
 * (× 100, null where not computed, with the note saying why), in the paper's order — caption metrics, grounding as
 * published and corrected, attribute recall per category, VQA accuracy, GQA-OOD all/head/tail — and the report's
 * counts and notes.
 */
public record MetricTable(List<Row> rows, int captionItems, int emptyPredictions, int noReference,
                          Map<String, String> notes) {

    public static final String GROUNDING_PUBLISHED = "Grounding_published";
    public static final String GROUNDING_CORRECTED = "Grounding_corrected";
    public static final String VQA_ACCURACY = "VQA_accuracy";
    /** Prefix of the attribute recall rows: {@code Attribute_<category>}. */
    public static final String ATTRIBUTE_PREFIX = "Attribute_";
    /** The attribute recall row when no tables are configured. */
    public static final String ATTRIBUTE_RECALL = "Attribute_recall";
    /** Prefix of the GQA-OOD rows: {@code OOD_all}, {@code OOD_head}, {@code OOD_tail}. */
    public static final String OOD_PREFIX = "OOD_";
    public static final List<String> OOD_PARTS = List.of("all", "head", "tail");

    static final String GROUNDING_MISSING = "no evaluated question carries a grounding reference: the preprocessing "
            + "service needs the images' scene graphs and boxes (rex.preprocessing.scene-graphs-dir, boxes-dir, or an "
            + "import naming them)";
    static final String ATTRIBUTES_MISSING = "not configured: set rex.evaluation.attribute-dir to a folder with "
            + "REX's attribute_eval_list.json and attr2cat.json";
    static final String OOD_MISSING = "not configured: set rex.evaluation.ood-dir to a folder holding "
            + "ood_{split}_{all,head,tail}.json";

    /** One metric: its name, score × 100 (null = not computed) and a note (why null, or how it was computed). */
    public record Row(String metric, Double value, String note) {
    }

    public MetricTable {
        rows = List.copyOf(rows);
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    public static MetricTable of(RexEvaluation.Report r) {
        return of(r, Map.of());
    }

    /**
     * @param problems why a configured table could not be used ({@code attributes}, {@code ood} → message): the
     *                 row's note then says so instead of "not configured"; or the service's own word on a caption
     *                 metric (by its name), in place of the library's
     */
    public static MetricTable of(RexEvaluation.Report r, Map<String, String> problems) {
        Map<String, String> notes = new LinkedHashMap<>(r.notes());
        notes.putAll(problems);
        List<Row> rows = new ArrayList<>();
        for (String k : CaptionMetrics.KEYS) {
            Double v = r.captions().get(k);
            String note = notes.get(k);
            if (v == null && note == null) {
                note = notes.getOrDefault("captions", notes.get("corpus"));
            }
            rows.add(new Row(k, v, note));
        }
        String grounding = r.groundingPublished() == null && r.groundingCorrected() == null
                && "no grounding data given".equals(notes.get("grounding")) ? GROUNDING_MISSING : notes.get("grounding");
        rows.add(new Row(GROUNDING_PUBLISHED, r.groundingPublished(), grounding));
        rows.add(new Row(GROUNDING_CORRECTED, r.groundingCorrected(), grounding));
        if (r.attributeRecall() == null) {
            rows.add(new Row(ATTRIBUTE_RECALL, null, problems.getOrDefault("attributes", ATTRIBUTES_MISSING)));
        } else {
            r.attributeRecall().forEach((category, v) -> rows.add(new Row(ATTRIBUTE_PREFIX + category, v,
                    v == null ? "no evaluated question has an attribute of this category" : notes.get("attributes"))));
        }
        rows.add(new Row(VQA_ACCURACY, r.vqaAccuracy(),
                r.vqaAccuracy() == null ? notes.getOrDefault("vqa", "no prediction has a ground-truth answer") : null));
        for (String part : OOD_PARTS) {
            Double v = r.oodAccuracy() == null ? null : r.oodAccuracy().get(part);
            String note = r.oodAccuracy() == null
                    ? (r.vqaAccuracy() == null ? notes.get("vqa") : problems.getOrDefault("ood", OOD_MISSING))
                    : v == null ? "no evaluated question is in the " + part + " file" : null;
            rows.add(new Row(OOD_PREFIX + part, v, note));
        }
        return new MetricTable(rows, r.captionItems(), r.emptyPredictions(), r.noReference(), notes);
    }

    /** The computed metrics in table order (null rows left out). */
    public Map<String, Double> computed() {
        Map<String, Double> m = new LinkedHashMap<>();
        rows.forEach(row -> {
            if (row.value() != null) {
                m.put(row.metric(), row.value());
            }
        });
        return m;
    }

    /** The rows as the evaluation event carries them. */
    public List<EvaluationEvent.Metric> eventMetrics() {
        return rows.stream().map(r -> new EvaluationEvent.Metric(r.metric(), r.value(), r.note())).toList();
    }
}
