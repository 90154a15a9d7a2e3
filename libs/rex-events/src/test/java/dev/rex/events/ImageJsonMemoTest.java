package dev.rex.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageJsonMemoTest {
    /** The codec's settings without the memo: what every event was written and read as before it. */
    private static final ObjectMapper PLAIN = new ObjectMapper(EventCodec.mapper().getFactory())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void writesTheSameTextAsThePlainBindingTheFirstTimeAndEveryTimeAfter() throws Exception {
        ProgramEvent p = SampleEvents.program();
        String plain = PLAIN.writeValueAsString(p);
        assertEquals(plain, EventCodec.encode(p));
        assertEquals(plain, EventCodec.encode(p)); // the graph and boxes now come from the memo
        ProgramEvent sameImage = new ProgramEvent("e-p-2", "corr-1", 1, "201307252", p.imageId(), p.split(),
                "Is the man standing?", "yes", p.program(), p.sceneGraph(), p.boxes(), null, 7L,
                p.groundingReference());
        assertEquals(PLAIN.writeValueAsString(sameImage), EventCodec.encode(sameImage));
        ExplanationEvent x = SampleEvents.explanation();
        assertEquals(PLAIN.writeValueAsString(x), EventCodec.encode(x));
        assertEquals(PLAIN.writeValueAsString(x), EventCodec.encode(x));
    }

    @Test
    void readsTheSameValueAndSharesAnImagesGraphAndBoxesAcrossItsQuestions() throws Exception {
        ProgramEvent p = SampleEvents.program();
        String json = EventCodec.encode(p);
        ProgramEvent first = EventCodec.decode(EventTypes.PROGRAM, json);
        ProgramEvent second = EventCodec.decode(EventTypes.PROGRAM, json.replace("201307251", "201307259"));
        assertEquals(p, first);
        assertEquals(PLAIN.readValue(json, ProgramEvent.class), first);
        assertEquals("201307259", second.qid());
        assertSame(first.sceneGraph(), second.sceneGraph());
        assertSame(first.boxes(), second.boxes());
        assertSame(first.groundingReference().detected(), second.groundingReference().detected());
    }

    @Test
    void aDifferentGraphIsReadAsItsOwnValue() {
        ProgramEvent p = SampleEvents.program();
        String json = EventCodec.encode(p);
        ProgramEvent other = EventCodec.decode(EventTypes.PROGRAM, json.replace("\"indoors\"", "\"outdoors\""));
        assertEquals("outdoors", other.sceneGraph().location());
        assertEquals("indoors", EventCodec.decode(EventTypes.PROGRAM, json).sceneGraph().location());
        assertNotSame(other.sceneGraph(), EventCodec.decode(EventTypes.PROGRAM, json).sceneGraph());
    }

    @Test
    void aGraphThatBreaksTheContractIsRefusedEveryTime() {
        String json = EventCodec.encode(SampleEvents.program()).replace("\"width\":500.0", "\"width\":-1.0");
        for (int i = 0; i < 2; i++) {
            EventFormatException e = assertThrows(EventFormatException.class,
                    () -> EventCodec.decode(EventTypes.PROGRAM, json));
            assertTrue(e.getMessage().contains("width and height must be > 0"), e.getMessage());
        }
    }

    @Test
    void anOutsizedGraphIsReadEveryTimeButNotKept() {
        ProgramEvent p = SampleEvents.program();
        java.util.Map<String, SceneGraph.SceneObject> objects = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            objects.put("o" + i, new SceneGraph.SceneObject("thing" + i, i, i, 10, 10, List.of("red"), List.of()));
        }
        SceneGraph big = new SceneGraph(500, 333, null, null, objects);
        String json = EventCodec.encode(new ProgramEvent(p.id(), p.correlationId(), 1, p.qid(), p.imageId(), p.split(),
                p.question(), p.answer(), p.program(), big, p.boxes(), null, null, null));
        ProgramEvent first = EventCodec.decode(EventTypes.PROGRAM, json);
        ProgramEvent second = EventCodec.decode(EventTypes.PROGRAM, json);
        assertEquals(big, first.sceneGraph());
        assertEquals(big, second.sceneGraph());
        assertNotSame(first.sceneGraph(), second.sceneGraph());
    }

    @Test
    void aTreeOfAnEventHoldsObjectsNotRawText() {
        ProgramEvent p = SampleEvents.program();
        EventCodec.encode(p); // the memo knows the graph and boxes
        JsonNode tree = EventCodec.mapper().valueToTree(p);
        assertTrue(tree.get("sceneGraph").isObject());
        assertEquals(500.0, tree.get("sceneGraph").get("width").asDouble());
        assertTrue(tree.get("boxes").isArray());
        assertEquals(118.5, tree.get("boxes").get(0).get("x1").asDouble());
    }

    @Test
    void valuesNestedInAnArrayOfEventsAreReadFromTheirOwnText() throws Exception {
        // a mapper call without the record's text (no memo) reads the same value
        ProgramEvent p = SampleEvents.program();
        List<ProgramEvent> two = List.of(p, p);
        String json = EventCodec.mapper().writeValueAsString(two);
        ProgramEvent[] back = EventCodec.mapper().readValue(json, ProgramEvent[].class);
        assertEquals(p, back[0]);
        assertEquals(p, back[1]);
    }
}
