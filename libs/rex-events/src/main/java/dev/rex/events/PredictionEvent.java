package dev.rex.events;

import java.util.List;

/**
 * {@code rex.predictions}: the answer to one question with its grounded explanation.
 *
 * @param explanation  decoded explanation tokens, up to the end token, e.g. {@code ["#3", "is", "on", "#7"]}
 * @param regions      the regions the explanation points at ({@code #k} tokens) with their boxes
 * @param gateValues   the structure gate {@code g} at each decoded step (1 = word, 0 = region)
 * @param split        the split of the question (carried from the inference request; null for unknown)
 * @param modelVersion the checkpoint that answered; null only when {@code status} is {@code NO_MODEL}
 */
public record PredictionEvent(String id, String correlationId, int schemaVersion,
                              String qid, String imageId, String split, Status status,
                              String answer, double confidence, List<String> explanation,
                              List<PredictedRegion> regions, List<Double> gateValues,
                              String modelVersion) implements RexEvent {
    public enum Status {
        /** A model answered. */
        PREDICTED,
        /** No model is ready yet: the request was received and recorded, nothing was predicted. */
        NO_MODEL
    }

    public PredictionEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(qid, "qid");
        Require.text(imageId, "imageId");
        Require.notNull(status, "status");
        Require.probability(confidence, "confidence");
        explanation = Require.list(explanation);
        regions = Require.list(regions);
        gateValues = Require.list(gateValues);
        for (Double g : gateValues) {
            Require.probability(Require.notNull(g, "gate value"), "gate value");
        }
        if (status == Status.PREDICTED) {
            Require.text(answer, "answer (required when status is PREDICTED)");
            Require.text(modelVersion, "modelVersion (required when status is PREDICTED)");
        }
    }

    @Override
    public String key() {
        return qid;
    }

    /** A region the explanation mentions: its token ({@code #k}), index k in 0..35, and its box. */
    public record PredictedRegion(String token, int region, Box box) {
        public PredictedRegion {
            Require.text(token, "region token");
            if (region < 0 || region >= ProgramEvent.REGIONS) {
                throw new IllegalArgumentException("region index must be within 0.." + (ProgramEvent.REGIONS - 1) + ", was " + region);
            }
            Require.notNull(box, "region box");
        }
    }
}
