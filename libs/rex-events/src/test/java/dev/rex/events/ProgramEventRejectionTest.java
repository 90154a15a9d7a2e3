package dev.rex.events;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional {@code rejection} of {@link ProgramEvent}: round trip, absent in older records, validated. */
class ProgramEventRejectionTest {
    @Test
    void aRejectionRoundTripsAndOlderRecordsHaveNone() {
        ProgramEvent p = new ProgramEvent("id-1", "corr-1", 1, "q1", "img1", "val", "Is it?", "yes", List.of(), null,
                List.of(), new ProgramEvent.ProgramRejection("semantics", "UNKNOWN_OPERATION", "step 0: 'teleport'"));
        ProgramEvent back = EventCodec.decode(EventTypes.PROGRAM, EventCodec.encode(p));
        assertEquals(p, back);
        ProgramEvent old = new ProgramEvent("id-2", "corr-2", 1, "q2", "img1", "val", "Is it?", "yes", List.of(), null,
                List.of());
        String json = EventCodec.encode(old);
        assertTrue(!json.contains("rejection"), json);
        assertNull(EventCodec.decode(EventTypes.PROGRAM, json).rejection());
    }

    @Test
    void aRejectionNamesItsCode() {
        assertThrows(IllegalArgumentException.class, () -> new ProgramEvent.ProgramRejection("semantics", " ", "x"));
    }
}
