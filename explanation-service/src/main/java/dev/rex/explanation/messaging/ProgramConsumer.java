package dev.rex.explanation.messaging;

import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.explanation.chain.Explainer;
import dev.rex.explanation.chain.ProgramMapping;
import dev.rex.explanation.persistence.ExplanationRepository;
import dev.rex.explanation.persistence.StageRecord;
import dev.rex.gqa.build.QuestionChain;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Optional;

/**
 * {@code rex.programs} → the GQA-REX chain (program, post-processing, grounding, finalizing: {@link Explainer}) →
 * one row per qid (upsert: a redelivered program replaces the row, so a replay after a crash leaves one record) →
 * {@code rex.explanations}. The offset is committed only after the row is written and the output acknowledged
 * ({@link EventConsumer}); a program identical to the stored one (by content, {@link
 * dev.rex.explanation.persistence.InputFingerprint}) is not explained again, and its stored event is published only
 * if it never reached the broker, so downstream sees one explanation event per input. A question the chain cannot explain is an outcome (REJECTED with code and detail, or
 * DROPPED by the original's rules), never a dead letter; only records that cannot be decoded go to the DLQ.
 * <p>
 * Named deviation (ARCHITECTURE §5): the per-image gender state of the batch build is not reproduced; each question
 * runs on its image's graph as GQA wrote it.
 */
@Singleton
public class ProgramConsumer extends EventConsumer<ProgramEvent> {
    private final ExplanationRepository explanations;
    private final Explainer explainer;
    private final Emitter<String> out;

    public ProgramConsumer(ExplanationRepository explanations, Explainer explainer,
                           @Channel(Channels.EXPLANATIONS_OUT) Emitter<String> out) {
        super(EventTypes.PROGRAM);
        this.explanations = explanations;
        this.explainer = explainer;
        this.out = out;
    }

    @Incoming(Channels.PROGRAMS_IN)
    @Blocking
    public void onProgram(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(ProgramEvent p) {
        Optional<ExplanationRepository.Delivered> before = explanations.delivered(p.qid());
        if (before.isPresent() && before.get().sameInput(p)) {
            // the same program again (redelivery, restarted import): downstream already has, or now gets, the one
            // event stored for it — never a second one
            explanations.countRedelivery(p.qid());
            if (!before.get().published()) {
                publish(out, EventCodec.decode(EventTypes.EXPLANATION, before.get().explanationJson()));
                explanations.markPublished(p.qid());
            }
            return;
        }
        StageRecord stages = stages(p);
        ExplanationEvent explanation = event(p, stages);
        explanations.upsert(p, explanation, stages);
        publish(out, explanation);
        explanations.markPublished(p.qid());
    }

    private StageRecord stages(ProgramEvent p) {
        if (p.rejection() != null) {
            // rejected after the abstraction (e.g. no scene graph): the program is part of the record, as in the build
            return StageRecord.rejected(p.program().isEmpty() ? null : ProgramMapping.program(p),
                    p.rejection().stage(), p.rejection().code(), p.rejection().detail());
        }
        if (p.program().isEmpty()) {
            return StageRecord.pending(); // a question without a GQA program: stored, nothing to explain
        }
        QuestionChain.Result r = explainer.explain(p.qid(), p.imageId(), p.answer(), ProgramMapping.program(p),
                ProgramMapping.graph(p.imageId(), p.sceneGraph()), ProgramMapping.boxes(p.boxes()));
        return StageRecord.of(r);
    }

    private static ExplanationEvent event(ProgramEvent p, StageRecord s) {
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
