package dev.rex.metrics.rex;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VqaAccuracyTest {

    @Test
    void groundTruthIsNormalisedWithAnsConvert() {
        Map<String, String> pred = new LinkedHashMap<>();
        pred.put("a", "2");     // gt "two" -> "2"
        pred.put("b", "grey");  // gt "grey" -> "gray": the prediction is not converted
        pred.put("c", "man");   // gt "the man" -> "man"
        pred.put("d", "Yes");   // exact, case-sensitive
        Map<String, String> gt = Map.of("a", "two", "b", "grey", "c", "the man", "d", "yes");
        VqaAccuracy.Result r = VqaAccuracy.evaluate(pred, gt);
        assertTrue(r.correct().get("a"));
        assertFalse(r.correct().get("b"));
        assertTrue(r.correct().get("c"));
        assertFalse(r.correct().get("d"));
        assertEquals(0.5, r.accuracy(), 0.0);
    }

    @Test
    void oodAccuracyDividesByTheFileSize() {
        Map<String, Boolean> correct = new LinkedHashMap<>();
        correct.put("q1", true);
        correct.put("q2", false);
        correct.put("q3", true);
        // q4 is in the OOD file but was not evaluated: it still counts in the denominator
        assertEquals(0.25, VqaAccuracy.oodAccuracy(correct, Set.of("q1", "q2", "q4", "q5")), 0.0);
        assertEquals(1.0, VqaAccuracy.oodAccuracy(correct, List.of("q3")), 0.0);
    }

    @Test
    void missingGroundTruthIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VqaAccuracy.evaluate(Map.of("x", "yes"), Map.of()));
        assertTrue(e.getMessage().contains("x"));
    }
}
