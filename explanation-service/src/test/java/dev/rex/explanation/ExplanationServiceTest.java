package dev.rex.explanation;

import dev.rex.events.Box;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.events.RexEvent;
import dev.rex.events.SceneGraph;
import dev.rex.explanation.messaging.Channels;
import dev.rex.explanation.persistence.ExplanationRepository;
import dev.rex.explanation.persistence.StoredRecord;
import dev.rex.service.testing.RestBoundary;
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_explanation"))
class ExplanationServiceTest extends ServicePipelineTest {
    ExplanationServiceTest() {
        super(EventTypes.PROGRAM, Map.of(Channels.PROGRAMS_IN, EventTypes.PROGRAM));
    }

    @Inject
    ExplanationRepository explanations;

    @Override
    protected RexEvent input(String qid) {
        SceneGraph graph = new SceneGraph(640, 480, null, null, Map.of("5678",
                new SceneGraph.SceneObject("shirt", 20, 60, 70, 90, List.of("white"), List.of())));
        return new ProgramEvent(EventIds.newId(), "corr-" + qid, 1, qid, "2354786", "train", "Is the shirt white?", "yes",
                List.of(new ProgramEvent.ProgramStep("select", null, new ProgramEvent.Operand(List.of(), "obj:5678"), null),
                        new ProgramEvent.ProgramStep("verify", "white", new ProgramEvent.Operand(List.of(0), null), null)),
                graph, List.of(new Box(18, 58, 92, 151)));
    }

    @Override
    protected void assertHandled(RexEvent input) {
        ProgramEvent p = (ProgramEvent) input;
        ExplanationEvent x = awaitEvent(EventTypes.EXPLANATION, p.qid(), p.correlationId());
        // the chain ran (streaming-corpus vocabularies: no build configured in this test)
        assertEquals(ExplanationEvent.Status.EXPLAINED, x.status(), x.toString());
        assertEquals(p.split(), x.split());
        assertEquals(p.answer(), x.answer());
        assertTrue(x.convertedExplanation().contains("#0"), "the shirt is grounded to region 0: " + x);
        assertTrue(explanations.findProgramJson(p.qid()).orElseThrow().contains("obj:5678"));
        assertTrue(explanations.findExplanationJson(p.qid()).orElseThrow().contains("EXPLAINED"));
        assertEquals(x.rawExplanation(), explanations.find(p.qid()).orElseThrow().raw());
    }

    @org.junit.jupiter.api.Test
    void anObjectMissingFromTheSceneGraphIsARejectionRecordNotADeadLetter() throws Exception {
        ProgramEvent good = (ProgramEvent) input("missing-obj-" + unique());
        ProgramEvent p = new ProgramEvent(good.id(), good.correlationId(), 1, good.qid(), good.imageId(), "val",
                good.question(), good.answer(),
                List.of(new ProgramEvent.ProgramStep("select", null, new ProgramEvent.Operand(List.of(), "obj:999"), null),
                        new ProgramEvent.ProgramStep("verify", "white", new ProgramEvent.Operand(List.of(0), null), null)),
                good.sceneGraph(), good.boxes());
        send(p);
        ExplanationEvent x = awaitEvent(EventTypes.EXPLANATION, p.qid(), p.correlationId());
        assertEquals(ExplanationEvent.Status.REJECTED, x.status());
        assertTrue(x.rejectionReason().startsWith("MISSING_OBJECT at program"), x.rejectionReason());
        StoredRecord r = explanations.find(p.qid()).orElseThrow();
        assertEquals("REJECTED", r.status());
        assertEquals("MISSING_OBJECT", r.rejectionCode());
        assertTrue(r.rejectionDetail().contains("999"), r.rejectionDetail());
        String api = get("api/explanations/" + p.qid());
        assertTrue(api.replaceAll("\\s", "").contains("\"rejectionCode\":\"MISSING_OBJECT\""), api);
        String page = get("api/explanations?split=val&status=REJECTED&size=1000");
        assertTrue(page.contains(p.qid()), page);
    }

    @org.junit.jupiter.api.Test
    void aRejectionFromPreprocessingIsStoredAsTheRecordAndARedeliveryKeepsOneRow() {
        ProgramEvent good = (ProgramEvent) input("op-" + unique());
        ProgramEvent p = new ProgramEvent(good.id(), good.correlationId(), 1, good.qid(), good.imageId(), "train",
                good.question(), good.answer(), List.of(), null, List.of(),
                new ProgramEvent.ProgramRejection("semantics", "UNKNOWN_OPERATION", "step 0: operation 'teleport'"));
        send(p);
        awaitEvent(EventTypes.EXPLANATION, p.qid(), p.correlationId());
        // the same program again under a new event id, as a restarted import sends it
        send(new ProgramEvent(dev.rex.events.EventIds.newId(), p.correlationId(), 1, p.qid(), p.imageId(), p.split(),
                p.question(), p.answer(), p.program(), p.sceneGraph(), p.boxes(), p.rejection()));
        eventually(() -> java.util.Optional.of(explanations.deliveries(p.qid())).filter(n -> n >= 2),
                "second delivery of " + p.qid());
        StoredRecord r = explanations.find(p.qid()).orElseThrow();
        assertEquals("UNKNOWN_OPERATION", r.rejectionCode());
        assertEquals("semantics", r.rejectionStage());
        assertEquals(2, r.deliveries(), "one row, delivered twice");
        long events = kafka.readAll(EventTypes.EXPLANATION.topic(), java.time.Duration.ofSeconds(2)).stream()
                .filter(rec -> p.qid().equals(rec.key())).count();
        assertEquals(1, events, "an identical redelivery publishes no second explanation event");
    }

    @org.junit.jupiter.api.Test
    void aRowIsPublishedWhenItsBatchIsMarkedOrItsStoredEventIsPublishedAgain() throws Exception {
        ProgramEvent p = (ProgramEvent) input("mark-" + unique());
        send(p);
        awaitEvent(EventTypes.EXPLANATION, p.qid(), p.correlationId());
        eventually(() -> java.util.Optional.of(published(p.qid())).filter(b -> b), "the mark of " + p.qid() + "'s batch");

        // stored again by a batch whose Kafka transaction has not committed: unpublished until that batch is marked
        ExplanationEvent x = dev.rex.events.EventCodec.decode(EventTypes.EXPLANATION,
                explanations.findExplanationJson(p.qid()).orElseThrow());
        dev.rex.explanation.persistence.StageRecord stages = dev.rex.explanation.persistence.StageRecord.pending();
        String batch = "test-batch-" + unique();
        explanations.inTransaction(c -> {
            explanations.upsertAll(c, List.of(new ExplanationRepository.Row(p, "sha-" + batch, x, stages, 1, batch)));
            return null;
        });
        assertEquals(false, published(p.qid()), "stored by an unmarked batch");
        explanations.markPublished("another-" + batch, List.of());
        assertEquals(false, published(p.qid()), "another batch's mark");
        explanations.markPublished(batch, List.of());
        assertTrue(published(p.qid()), "its batch's mark");

        // a later batch that carries the stored event (its own Kafka transaction failed) marks the row itself
        String lost = "lost-batch-" + unique();
        explanations.inTransaction(c -> {
            explanations.upsertAll(c, List.of(new ExplanationRepository.Row(p, "sha-" + lost, x, stages, 1, lost)));
            return null;
        });
        assertEquals(false, published(p.qid()));
        explanations.markPublished("retry-" + lost, List.of(p.qid()));
        assertTrue(published(p.qid()), "published again by a later batch");
    }

    private boolean published(String qid) {
        return explanations.inTransaction(c -> explanations.stored(c, List.of(qid))).get(qid).published();
    }

    @org.junit.jupiter.api.Test
    void aBatchsInputOffsetsAreCommittedInTheTransactionThatPublishesItsExplanations() throws Exception {
        ProgramEvent p = (ProgramEvent) input("tx-" + unique());
        send(p);
        awaitEvent(EventTypes.EXPLANATION, p.qid(), p.correlationId());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // the connector commits nothing (commit-strategy=ignore): only the transaction can have moved the offsets
            eventually(() -> {
                try {
                    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>
                            committed = admin.listConsumerGroupOffsets("explanation-service")
                            .partitionsToOffsetAndMetadata().get();
                    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                            new java.util.HashMap<>();
                    committed.keySet().stream().filter(tp -> tp.topic().equals(EventTypes.PROGRAM.topic()))
                            .forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
                    var ends = admin.listOffsets(latest).all().get();
                    boolean all = !latest.isEmpty() && latest.keySet().stream()
                            .allMatch(tp -> committed.get(tp).offset() == ends.get(tp).offset());
                    return all ? java.util.Optional.of(true) : java.util.Optional.empty();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "rex.programs offsets of explanation-service committed up to the end");
            var transactions = admin.listTransactions().all().get().stream()
                    .filter(t -> t.transactionalId().startsWith("rex-explanation-")).toList();
            assertEquals(1, transactions.size(), "one transactional producer: " + transactions);
            assertEquals(org.apache.kafka.clients.admin.TransactionState.COMPLETE_COMMIT,
                    transactions.get(0).state(), transactions.toString());
        }
    }

    @org.junit.jupiter.api.Test
    void withoutABuildTheReadinessCheckSaysSoAndStaysUp() throws Exception {
        String ready = get("q/health/ready").replaceAll("\\s", "");
        assertTrue(ready.contains("gqa-rex-vocabularies") && ready.contains("streamingcorpus")
                && ready.contains("\"degraded\":true"), ready);
        assertTrue(ready.contains("\"status\":\"UP\""), ready);
    }

    @org.junit.jupiter.api.Test
    void aRecordThatBreaksItsBatchIsDeadLetteredAloneAndItsBatchMatesAreStored() {
        String run = unique();
        ProgramEvent first = (ProgramEvent) input("mate-a-" + run);
        ProgramEvent like = (ProgramEvent) input("nul-" + run);
        // valid by the contract, but PostgreSQL refuses U+0000 in a text column (answer): the batch's insert fails
        ProgramEvent poison = new ProgramEvent(like.id(), like.correlationId(), 1, like.qid(), like.imageId(),
                like.split(), like.question(), "ye\u0000s", like.program(), like.sceneGraph(), like.boxes());
        ProgramEvent last = (ProgramEvent) input("mate-b-" + run);
        send(first);
        send(poison);
        send(last);
        for (ProgramEvent mate : List.of(first, last)) {
            ExplanationEvent x = awaitEvent(EventTypes.EXPLANATION, mate.qid(), mate.correlationId());
            assertEquals(ExplanationEvent.Status.EXPLAINED, x.status(), x.toString());
            assertTrue(explanations.find(mate.qid()).isPresent(), mate.qid() + " stored");
        }
        dev.rex.testing.KafkaTestClient.Received dead = kafka.await(EventTypes.PROGRAM.dlqTopic(), WAIT,
                r -> r.text().contains(poison.qid()));
        String reason = dead.header(dev.rex.events.RexHeaders.DEAD_LETTER_REASON);
        assertTrue(reason != null && reason.contains(EventTypes.PROGRAM.topic()) && reason.contains("could not be processed"),
                "reason: " + reason);
        assertTrue(explanations.find(poison.qid()).isEmpty(), "nothing stored for the dead letter");
    }

    @Override
    protected Set<String> writeOperations() {
        return Set.of(); // read-only: explanations arrive on rex.programs
    }

    @Override
    protected RestBoundary.Good goodRestRequest() {
        return new RestBoundary.Good("GET", "api/explanations?size=1", null, 200);
    }

    @Override
    protected List<RestBoundary.Probe> restProbes() {
        return List.of(
                RestBoundary.Probe.get("list size=0", "api/explanations?size=0"),
                RestBoundary.Probe.get("list size=100,000", "api/explanations?size=100000"),
                RestBoundary.Probe.get("list page=-1", "api/explanations?page=-1"),
                RestBoundary.Probe.get("list page=abc", "api/explanations?page=abc"),
                RestBoundary.Probe.get("list status=BOGUS", "api/explanations?status=BOGUS"),
                RestBoundary.Probe.get("list split of 100 characters", "api/explanations?split=" + "s".repeat(100)),
                RestBoundary.Probe.get("GET qid of 300 characters", "api/explanations/" + "q".repeat(300)),
                RestBoundary.Probe.get("GET unknown qid", "api/explanations/no-such-qid"),
                RestBoundary.Probe.get("GET program of unknown qid", "api/explanations/no-such-qid/program"),
                RestBoundary.Probe.json("POST on a read-only API", "POST", "api/explanations", "{}"));
    }
}
