package dev.rex.explanation.persistence;

import dev.rex.events.Box;
import dev.rex.events.EventCodec;
import dev.rex.events.GroundingReference;
import dev.rex.events.ProgramEvent;
import dev.rex.events.SceneGraph;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class InputFingerprintTest {
    private static ProgramEvent program(String id, String qid, double boxEdge) {
        SceneGraph graph = new SceneGraph(640, 480, null, null, Map.of("7", new SceneGraph.SceneObject("man", 1, 2,
                30, 40, List.of("tall"), List.of())));
        List<Box> boxes = List.of(new Box(0.1f, 0.2f, boxEdge, 40.25f));
        return new ProgramEvent(id, "import-1", 1, qid, "img1", "train", "Is there a man?", "yes",
                List.of(new ProgramEvent.ProgramStep("select", null, new ProgramEvent.Operand(List.of(), "obj:7"), null)),
                graph, boxes, null, 3L, GroundingReference.of(List.of("7"), graph, boxes));
    }

    @Test
    void theSameContentUnderAnotherIdHasTheSameFingerprint() {
        assertEquals(InputFingerprint.of(EventCodec.encode(program("a-1", "q1", 33.3f))),
                InputFingerprint.of(EventCodec.encode(program("b-2", "q1", 33.3f))));
    }

    @Test
    void anyOtherDifferenceChangesIt() {
        String first = InputFingerprint.of(EventCodec.encode(program("a-1", "q1", 33.3f)));
        assertNotEquals(first, InputFingerprint.of(EventCodec.encode(program("a-1", "q2", 33.3f))));
        assertNotEquals(first, InputFingerprint.of(EventCodec.encode(program("a-1", "q1", 33.4f))));
    }

    @Test
    void equalsTheHashOfTheEventEncodedWithAPlaceholderId() throws Exception {
        ProgramEvent p = program("a-1", "q1", 33.3f);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                EventCodec.encode(program("-", "q1", 33.3f)).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, InputFingerprint.of(EventCodec.encode(p)));
    }

    @Test
    void onlyTheTopLevelIdIsBlanked() {
        String json = "{\"nested\":{\"id\":\"x\"},\"id\":\"e-9\",\"qid\":\"q\"}";
        assertEquals("{\"nested\":{\"id\":\"x\"},\"id\":\"-\",\"qid\":\"q\"}", InputFingerprint.withoutId(json));
    }
}
