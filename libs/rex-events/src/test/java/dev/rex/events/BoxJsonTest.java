package dev.rex.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoxJsonTest {
    private static final Box FLOAT_BOX = new Box(320.9613342285156f, 207.15374755859375f, 366.7369079589844f, 511f);

    @Test
    void writesWhatTheGenericRecordBindingWrote() throws Exception {
        ObjectNode generic = new ObjectMapper().createObjectNode();
        generic.put("x1", FLOAT_BOX.x1()).put("y1", FLOAT_BOX.y1()).put("x2", FLOAT_BOX.x2()).put("y2", FLOAT_BOX.y2());
        assertEquals(generic, EventCodec.mapper().readTree(EventCodec.mapper().writeValueAsString(FLOAT_BOX)));
        assertEquals("{\"x1\":320.9613342285156,\"y1\":207.15374755859375,\"x2\":366.7369079589844,\"y2\":511.0}",
                EventCodec.mapper().writeValueAsString(FLOAT_BOX));
    }

    @Test
    void readsAnyFieldOrderSkipsUnknownFieldsAndKeepsFloat32ValuesExact() throws Exception {
        Box b = EventCodec.mapper().readValue("{\"y2\":511,\"extra\":{\"a\":[1,2]},\"x2\":366.7369079589844,"
                + "\"y1\":207.15374755859375,\"x1\":\"320.9613342285156\"}", Box.class);
        assertEquals(FLOAT_BOX, b);
        assertEquals((float) b.x1(), 320.9613342285156f);
        GroundingReference ref = new GroundingReference(640, 480, List.of(), List.of(FLOAT_BOX, new Box(0, 0, 1, 1)));
        assertEquals(ref, EventCodec.mapper().readValue(EventCodec.mapper().writeValueAsString(ref),
                GroundingReference.class));
    }

    @Test
    void refusesANullCoordinateAndCornersInTheWrongOrder() {
        assertThrows(Exception.class, () -> EventCodec.mapper().readValue(
                "{\"x1\":null,\"y1\":0,\"x2\":1,\"y2\":1}", Box.class));
        Exception e = assertThrows(Exception.class, () -> EventCodec.mapper().readValue(
                "{\"x1\":5,\"y1\":0,\"x2\":1,\"y2\":1}", Box.class));
        assertTrue(e.getMessage().contains("x1<=x2"), e.getMessage());
    }
}
