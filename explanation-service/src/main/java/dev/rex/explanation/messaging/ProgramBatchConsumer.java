package dev.rex.explanation.messaging;

import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.explanation.chain.Explainer;
import dev.rex.explanation.chain.Outcomes;
import dev.rex.explanation.config.ExplanationConfig;
import dev.rex.explanation.persistence.ExplanationRepository;
import dev.rex.explanation.persistence.ImageStateRepository;
import dev.rex.explanation.persistence.InputFingerprint;
import dev.rex.explanation.persistence.StageRecord;
import dev.rex.gqa.program.ImageState;
import dev.rex.service.BatchEventConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code rex.programs}, a poll at a time → the GQA-REX chain ({@link Outcomes}) → one row per qid, the whole batch in
 * one database transaction with the image states it changed → {@code rex.explanations}, the batch's events in one
 * Kafka transaction with the batch's {@code rex.programs} offsets ({@link BatchEventConsumer#consumeInTransaction}):
 * a batch is published and consumed together or not at all, so a broker or replica killed at any moment leaves
 * exactly one committed event per input (readers use {@code isolation.level=read_committed}). The producer's
 * {@code transactional.id} names the replica ({@code REX_REPLICA_ID}), so a restarted replica fences its old self.
 * <p>
 * Whether a row's event was published: false from the database transaction until the Kafka transaction that carries
 * its event committed, then true; each row names its batch and the batch is marked once
 * ({@link ExplanationRepository#markPublished}). A batch whose Kafka transaction failed comes again from the
 * committed offsets and finds its rows stored and unpublished: their stored events go in the new transaction
 * (nothing is explained twice). A row left unpublished because the service died between the Kafka commit and the
 * mark is not redelivered (its offset was committed with the event); only a later copy of the same input (an import
 * resumed) would publish its event again.
 * <p>
 * Per-image state ({@code rex.explanation.image-state=kept}, the default): {@code rex.programs} is keyed by image id,
 * so an image's programs arrive in file order; each runs on the image's state as the earlier ones left it, read from
 * the database at the start of the batch. A program identical to the stored one ({@link InputFingerprint}: a batch
 * written but not acknowledged before a crash, an import resumed) is not explained again, so no question changes its
 * image's state twice, and its stored event is published only if it never reached the broker: downstream sees one
 * explanation event per input.
 */
@Singleton
public class ProgramBatchConsumer extends BatchEventConsumer<ProgramEvent> {
    private final ExplanationRepository explanations;
    private final ImageStateRepository states;
    private final Explainer explainer;
    private final ExplanationConfig config;
    private final KafkaTransactions<String> out;

    public ProgramBatchConsumer(ExplanationRepository explanations, ImageStateRepository states, Explainer explainer,
                                ExplanationConfig config,
                                @Channel(Channels.EXPLANATIONS_OUT) KafkaTransactions<String> out) {
        super(EventTypes.PROGRAM);
        this.explanations = explanations;
        this.states = states;
        this.explainer = explainer;
        this.config = config;
        this.out = out;
    }

    @Incoming(Channels.PROGRAMS_IN)
    public CompletionStage<Void> onPrograms(KafkaRecordBatch<String, String> batch) {
        return consumeInTransaction(batch, out, Channels.EXPLANATIONS_OUT);
    }

    @Override
    protected Map<Integer, RuntimeException> handle(List<ProgramEvent> events, List<String> payloads) {
        Map<Integer, RuntimeException> refused = new LinkedHashMap<>();
        String batchId = EventIds.newId();
        List<String> republished = new ArrayList<>();
        List<ExplanationEvent> outputs = explanations.inTransaction(c -> {
            Map<String, ExplanationRepository.Stored> stored =
                    explanations.stored(c, events.stream().map(ProgramEvent::qid).distinct().toList());
            Map<String, Map<String, ImageState>> imageStates = keepsState() ? loadStates(c, events) : Map.of();
            Map<String, ExplanationRepository.Row> rows = new LinkedHashMap<>();
            Map<String, Integer> redelivered = new HashMap<>();
            List<ExplanationEvent> toPublish = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                ProgramEvent p = events.get(i);
                String sha = InputFingerprint.of(payloads.get(i));
                ExplanationRepository.Row earlier = rows.get(p.qid());
                ExplanationRepository.Stored known = stored.get(p.qid());
                if (earlier != null && earlier.inputSha256().equals(sha)) { // the same input twice in the batch
                    rows.put(p.qid(), new ExplanationRepository.Row(earlier.program(), sha,
                            earlier.explanation(), earlier.stages(), earlier.deliveries() + 1, batchId));
                } else if (earlier == null && known != null && sha.equals(known.inputSha256())) {
                    redelivered.merge(p.qid(), 1, Integer::sum); // explained before: one event per input
                    if (!known.published()) {
                        toPublish.add(EventCodec.decode(EventTypes.EXPLANATION, known.explanationJson()));
                        republished.add(p.qid());
                    }
                } else {
                    try {
                        StageRecord s = Outcomes.stages(explainer, p, state(imageStates, p));
                        ExplanationEvent x = Outcomes.event(p, s);
                        rows.remove(p.qid()); // another input for the qid later in the batch: the later is the record
                        rows.put(p.qid(), new ExplanationRepository.Row(p, sha, x, s,
                                earlier == null ? 1 : earlier.deliveries() + 1, batchId));
                        toPublish.add(x);
                    } catch (RuntimeException e) { // a bug of ours on one record must not stop its batch-mates
                        refused.put(i, refuse("qid " + p.qid() + " could not be explained: " + e));
                    }
                }
            }
            explanations.upsertAll(c, List.copyOf(rows.values()));
            explanations.redelivered(c, redelivered);
            for (Map.Entry<String, Map<String, ImageState>> split : imageStates.entrySet()) {
                Map<String, ImageState> changed = new LinkedHashMap<>();
                split.getValue().forEach((image, s) -> {
                    if (s.changed()) changed.put(image, s);
                });
                states.save(c, split.getKey(), changed);
            }
            return toPublish;
        });
        List<String> again = republished.stream().distinct().toList();
        publishWithBatch(outputs, () -> retryInPlace("mark batch " + batchId + " published",
                () -> explanations.markPublished(batchId, again)));
        return refused;
    }

    private boolean keepsState() {
        return config.imageState() == ExplanationConfig.ImageStates.kept;
    }

    /** split → image → state (saved, else fresh) for every image of the batch whose chain runs. */
    private Map<String, Map<String, ImageState>> loadStates(java.sql.Connection c, List<ProgramEvent> events)
            throws java.sql.SQLException {
        Map<String, List<String>> images = new LinkedHashMap<>();
        for (ProgramEvent p : events) {
            if (Outcomes.runsChain(p)) images.computeIfAbsent(p.split(), k -> new ArrayList<>()).add(p.imageId());
        }
        Map<String, Map<String, ImageState>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : images.entrySet()) {
            Map<String, ImageState> saved = states.load(c, e.getKey(), e.getValue().stream().distinct().toList());
            Map<String, ImageState> all = new LinkedHashMap<>();
            for (String image : e.getValue()) all.computeIfAbsent(image, k -> saved.getOrDefault(k, ImageState.fresh()));
            out.put(e.getKey(), all);
        }
        return out;
    }

    private static ImageState state(Map<String, Map<String, ImageState>> states, ProgramEvent p) {
        Map<String, ImageState> split = states.get(p.split());
        ImageState s = split == null ? null : split.get(p.imageId());
        return s != null ? s : ImageState.fresh();
    }
}
