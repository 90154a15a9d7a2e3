package dev.rex.explanation.chain;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.explanation.persistence.StageRecord;
import dev.rex.gqa.build.QuestionChain;
import dev.rex.gqa.program.ImageState;

import java.util.List;

/**
 * What one program becomes: the chain's stages (or the producer's rejection, or nothing for a question without a
 * program) and the explanation event published for it. A question the chain cannot explain is an outcome (REJECTED
 * with code and detail, or DROPPED by the original's rules), never a dead letter.
 */
public final class Outcomes {
    private Outcomes() {
    }

    /** The stages of {@code p}, run on {@code state} (the image's state so far; this question's changes join it). */
    public static StageRecord stages(Explainer explainer, ProgramEvent p, ImageState state) {
        if (p.rejection() != null) {
            // rejected after the abstraction (e.g. no scene graph): the program is part of the record, as in the build
            return StageRecord.rejected(p.program().isEmpty() ? null : ProgramMapping.program(p),
                    p.rejection().stage(), p.rejection().code(), p.rejection().detail());
        }
        if (p.program().isEmpty()) {
            return StageRecord.pending(); // a question without a GQA program: stored, nothing to explain
        }
        QuestionChain.Result r = explainer.explain(p.qid(), p.imageId(), p.answer(), ProgramMapping.program(p),
                ProgramMapping.graph(p.imageId(), p.sceneGraph()), ProgramMapping.boxes(p.boxes()), state);
        return StageRecord.of(r);
    }

    /** Whether the chain runs for {@code p} (and so may read and change its image's state). */
    public static boolean runsChain(ProgramEvent p) {
        return p.rejection() == null && !p.program().isEmpty();
    }

    public static ExplanationEvent event(ProgramEvent p, StageRecord s) {
        ExplanationEvent.Status status = switch (s.status()) {
            case "EXPLAINED" -> ExplanationEvent.Status.EXPLAINED;
            case "PENDING" -> ExplanationEvent.Status.PENDING;
            default -> ExplanationEvent.Status.REJECTED;
        };
        String reason = switch (s.status()) {
            case "REJECTED" -> s.rejectionCode() + " at " + s.rejectionStage() + ": " + s.rejectionDetail();
            case "DROPPED" -> "DROPPED " + s.dropReason() + " (a deliberate drop of the original chain)";
            default -> null;
        };
        // groundings: the chain writes #k/@k into the text; per-object IoUs are not exposed by rex-gqa (empty list)
        return new ExplanationEvent(EventIds.newId(), p.correlationId(), EventTypes.EXPLANATION.currentVersion(),
                p.qid(), p.imageId(), p.split(), status, p.question(), p.answer(), s.raw(), s.processed(),
                s.converted(), List.of(), reason, p.groundingReference());
    }
}
