package dev.rex.explanation.persistence;

import dev.rex.gqa.build.QuestionChain;
import dev.rex.gqa.semantics.AbstractStep;

import java.util.List;

/**
 * What the chain produced for one question, as stored: every stage's text (null after the stage that stopped),
 * or the drop reason, or the rejection (stage, code, detail). {@code status} is EXPLAINED, DROPPED, REJECTED or
 * PENDING (nothing run).
 */
public record StageRecord(String status, List<AbstractStep> semantics, String raw, String processed, String grounded,
                          String converted, String dropReason, String rejectionStage, String rejectionCode,
                          String rejectionDetail) {
    public static StageRecord pending() {
        return new StageRecord("PENDING", null, null, null, null, null, null, null, null, null);
    }

    /** A question the producer rejected; {@code semantics} is its abstracted program when it has one. */
    public static StageRecord rejected(List<AbstractStep> semantics, String stage, String code, String detail) {
        return new StageRecord("REJECTED", semantics, null, null, null, null, null, stage, code, detail);
    }

    public static StageRecord of(QuestionChain.Result r) {
        if (r.rejection() != null) {
            return new StageRecord("REJECTED", r.program(), r.raw(), r.processed(), r.grounded(), null, null,
                    r.rejection().stage().label(), r.rejection().code().name(), r.rejection().detail());
        }
        if (r.drop() != null) {
            return new StageRecord("DROPPED", r.program(), r.raw(), r.processed(), r.grounded(), null,
                    r.drop().name(), null, null, null);
        }
        return new StageRecord("EXPLAINED", r.program(), r.raw(), r.processed(), r.grounded(), r.converted(), null,
                null, null, null);
    }
}
