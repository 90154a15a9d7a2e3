package dev.rex.events;

import java.util.List;

/**
 * {@code rex.explanations}: the GQA-REX record of one question — the explanation at each stage of the
 * functional program (raw generator output, post-processed, converted to grounded tokens {@code #k}/{@code @k})
 * and the object → region grounding used for the conversion.
 * <p>
 * {@code groundingReference} (optional, added within schema version 1) is the grounding score's reference for the
 * question (annotated objects' boxes, image size, detected boxes), passed on from {@code rex.programs}; null when
 * the producer had no scene graph or boxes for the image. It is present for rejected questions too: REX scores
 * grounding over every prediction, explained or not.
 */
public record ExplanationEvent(String id, String correlationId, int schemaVersion,
                               String qid, String imageId, String split, Status status,
                               String question, String answer,
                               String rawExplanation, String processedExplanation, String convertedExplanation,
                               List<RegionGrounding> groundings, String rejectionReason,
                               GroundingReference groundingReference) implements RexEvent {
    public enum Status {
        /** Received, not yet explained: the explanation stage has not run (or is not built yet). */
        PENDING,
        /** The functional program produced a grounded explanation. */
        EXPLAINED,
        /** The question gets no explanation; {@code rejectionReason} says why (ARCHITECTURE §5 drop rules). */
        REJECTED
    }

    public ExplanationEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(qid, "qid");
        Require.text(imageId, "imageId");
        Require.text(split, "split");
        Require.notNull(status, "status");
        groundings = Require.list(groundings);
        if (status == Status.EXPLAINED) {
            Require.text(convertedExplanation, "convertedExplanation (required when status is EXPLAINED)");
        }
        if (status == Status.REJECTED) {
            Require.text(rejectionReason, "rejectionReason (required when status is REJECTED)");
        }
    }

    /** An event without a grounding reference (the form before {@code groundingReference} was added). */
    public ExplanationEvent(String id, String correlationId, int schemaVersion, String qid, String imageId,
                            String split, Status status, String question, String answer, String rawExplanation,
                            String processedExplanation, String convertedExplanation, List<RegionGrounding> groundings,
                            String rejectionReason) {
        this(id, correlationId, schemaVersion, qid, imageId, split, status, question, answer, rawExplanation,
                processedExplanation, convertedExplanation, groundings, rejectionReason, null);
    }

    @Override
    public String key() {
        return qid;
    }

    /**
     * How one scene-graph object was grounded: {@code #k} (region k of the 36, best IoU {@code iou}) or
     * {@code @k} (cell k of the 4×4 grid).
     */
    public record RegionGrounding(String objectId, String token, double iou) {
        public RegionGrounding {
            Require.text(objectId, "grounding objectId");
            Require.text(token, "grounding token");
            if (!token.matches("[#@]\\d+")) {
                throw new IllegalArgumentException("grounding token must be #k or @k, was '" + token + "'");
            }
        }
    }
}
