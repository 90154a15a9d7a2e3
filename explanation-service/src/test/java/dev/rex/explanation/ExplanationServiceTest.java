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
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.List;
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
}
