package dev.rex.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fully populated, hand-made event per topic (shapes follow the GQA and GQA-REX formats of ARCHITECTURE §8). */
final class SampleEvents {
    private SampleEvents() {
    }

    static QuestionEvent question() {
        return new QuestionEvent("e-q-1", "corr-1", 1, "201307251", "2354786", "val",
                "Is the shirt to the left of the man white?", "yes", "Yes, the shirt is white.", true,
                new QuestionEvent.QuestionTypes("verify", "attr", "verifyAttr"),
                List.of(new QuestionEvent.SemanticStep("select", "man (1234)", List.of()),
                        new QuestionEvent.SemanticStep("relate", "shirt,to the left of,s (5678)", List.of(0)),
                        new QuestionEvent.SemanticStep("verify color", "white", List.of(1))),
                "select: man (1234)->relate: shirt,to the left of,s (5678) [0]->verify color: white [1]",
                new QuestionEvent.QuestionAnnotations(ordered("2", "5678", "7", "1234"), Map.of(), ordered("1", "5678")));
    }

    /** A map in the order given (GQA's annotation order is part of the grounding score). */
    static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static ProgramEvent program() {
        Map<String, SceneGraph.SceneObject> objects = new LinkedHashMap<>();
        objects.put("1234", new SceneGraph.SceneObject("man", 120, 40, 80, 200, List.of("standing"),
                List.of(new SceneGraph.Relation("to the right of", "5678"))));
        objects.put("5678", new SceneGraph.SceneObject("shirt", 20, 60, 70, 90, List.of("white", "cotton"), List.of()));
        return new ProgramEvent("e-p-1", "corr-1", 1, "201307251", "2354786", "val",
                "Is the shirt to the left of the man white?", "yes",
                List.of(new ProgramEvent.ProgramStep("select", null, new ProgramEvent.Operand(List.of(), "obj:1234"), null),
                        new ProgramEvent.ProgramStep("relate", "to the left of",
                                new ProgramEvent.Operand(List.of(), "obj:5678"), new ProgramEvent.Operand(List.of(0), null)),
                        new ProgramEvent.ProgramStep("verify", "white", new ProgramEvent.Operand(List.of(1), null), null)),
                new SceneGraph(500, 333, "indoors", null, objects),
                List.of(new Box(118.5, 39.0, 201.25, 241.0), new Box(18.0, 58.5, 92.0, 151.0)), null,
                groundingReference());
    }

    static GroundingReference groundingReference() {
        return new GroundingReference(500, 333,
                List.of(new GroundingReference.AnnotatedObject("5678", 20, 60, 70, 90),
                        new GroundingReference.AnnotatedObject("1234", 120, 40, 80, 200)),
                List.of(new Box(118.5, 39.0, 201.25, 241.0), new Box(18.0, 58.5, 92.0, 151.0)));
    }

    static ExplanationEvent explanation() {
        return new ExplanationEvent("e-x-1", "corr-1", 1, "201307251", "2354786", "val", ExplanationEvent.Status.EXPLAINED,
                "Is the shirt to the left of the man white?", "yes",
                "shirt (5678) is white", "shirt (5678) is white", "#1 is white",
                List.of(new ExplanationEvent.RegionGrounding("5678", "#1", 0.87)), null, groundingReference());
    }

    static InferenceRequestEvent inferenceRequest() {
        return new InferenceRequestEvent("e-i-1", "corr-2", 1, "stream-42", "2354786",
                "What color is the shirt?", "stream", null, "2026-12-02T08:00:00.125Z");
    }

    static PredictionEvent prediction() {
        return new PredictionEvent("e-r-1", "corr-2", 2, "stream-42", "2354786", "stream", PredictionEvent.Status.PREDICTED,
                "white", 0.91, List.of("#1", "is", "white"),
                List.of(new PredictionEvent.PredictedRegion("#1", 1, new Box(18.0, 58.5, 92.0, 151.0))),
                List.of(0.02, 0.97, 0.99), "rex-multitask-3", "rex-multitask-3", List.of(),
                "2026-12-02T08:00:00.125Z", "2026-12-02T08:00:00.180Z", 12.5, 8);
    }

    static TrainingProgressEvent trainingProgress() {
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("answer", 2.5);
        losses.put("explanation", 3.25);
        losses.put("gate", 0.5);
        losses.put("total", 6.25);
        return new TrainingProgressEvent("e-t-1", "corr-3", 1, "run-7", "rex-multitask",
                TrainingProgressEvent.Phase.TRAINING, 2, 1500, 58000, 943000, losses, 412.5, 1e-4, "epoch 3/8",
                Map.of("vqaAccuracy", 0.52));
    }

    static ModelEvent model() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("layers", 12);
        config.put("hidden", 768);
        config.put("dropout", 0.1);
        config.put("mode", "multitask");
        return new ModelEvent("e-m-1", "corr-3", 1, "rex-multitask", "rex-multitask-3", "run-7",
                "models/rex-multitask-3.safetensors", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                config, Map.of("vqaAccuracy", 57.2, "cider", 451.3), "2026-11-26T05:00:00Z");
    }

    static EvaluationEvent evaluation() {
        return new EvaluationEvent("e-v-1", "corr-4", 2, "rex-multitask-3", "val", "eval-rex-multitask-3-val-7",
                "rex-multitask", EvaluationEvent.Status.PARTIAL, "quiet-period",
                new EvaluationEvent.Counts(12578, 12600, 12000, 3, 22, 575),
                List.of(new EvaluationEvent.Metric("BLEU-4", 54.79, null),
                        new EvaluationEvent.Metric("CIDEr", 466.01, null),
                        new EvaluationEvent.Metric("Grounding_published", 70.79, "last annotated box only"),
                        new EvaluationEvent.Metric("SPICE", null, "SPICE is off")),
                "2026-11-26T05:00:00Z", "2026-11-26T05:01:00Z", "2026-11-26T05:01:00Z", null);
    }

    /** One sample per registered type, in {@link EventTypes#ALL} order. */
    static List<RexEvent> all() {
        return List.of(question(), program(), explanation(), inferenceRequest(), prediction(), trainingProgress(),
                model(), evaluation());
    }
}
