package dev.rex.evaluation.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published figures the dashboard shows beside our tables (× 100, GQA-REX test split of real GQA, as the
 * papers report them): REX-LXMERT (Chen and Zhao, CVPR 2022) and VCIN (ICCV 2023). They are anchors for reading
 * a table, not targets for a synthetic world: our metric names are the rows they fill.
 */
public final class PublishedAnchors {
    /** One published model: its name, where it was published, and metric → score × 100. */
    public record Anchor(String model, String source, Map<String, Double> metrics) {
    }

    public static final List<Anchor> ALL = List.of(
            new Anchor("REX-LXMERT", "Chen & Zhao, CVPR 2022 (GQA-REX test, real GQA)", ordered(
                    "Bleu_4", 54.79, "CIDEr", 466.01, "Grounding_published", 70.79, "VQA_accuracy", 58.15)),
            new Anchor("VCIN", "ICCV 2023 (GQA-REX test, real GQA)", ordered(
                    "Bleu_4", 58.65, "METEOR", 41.57, "ROUGE_L", 81.45, "CIDEr", 519.23, "SPICE", 54.63,
                    "Grounding_published", 77.33, "VQA_accuracy", 60.61)));

    private PublishedAnchors() {
    }

    private static Map<String, Double> ordered(Object... keyValues) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], (Double) keyValues[i + 1]);
        }
        return m;
    }
}
