package dev.rex.metrics.rex;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributeRecallTest {

    private static AttributeRecall handMade() {
        Map<String, String> attr2cat = new LinkedHashMap<>();
        attr2cat.put("red", "color");
        attr2cat.put("wooden", "material");
        attr2cat.put("tall", "size");
        attr2cat.put("blue", "color");
        return new AttributeRecall(
                Map.of("q1", List.of("red", "wooden"), "q2", List.of("red"), "q3", List.of("tall"),
                        "q4", List.of("shiny")),
                attr2cat);
    }

    @Test
    void recallPerCategoryOverAttributeInstances() {
        Map<String, String> pred = new LinkedHashMap<>();
        pred.put("q1", "the #3 is red and wooden"); // "red " and " wooden" both occur
        pred.put("q2", "reddish car");              // neither "red " nor " red"
        pred.put("q4", "shiny");                    // attribute unknown to attr2cat: skipped, counted
        pred.put("q9", "red");                      // not in the eval list
        AttributeRecall.Result r = handMade().evaluate(pred);
        assertEquals(List.of("color", "material", "size"), List.copyOf(r.perCategory().keySet()));
        assertEquals(0.5, r.perCategory().get("color"), 0.0);
        assertEquals(1.0, r.perCategory().get("material"), 0.0);
        assertNull(r.perCategory().get("size")); // no instance evaluated
        assertEquals(1, r.unknownAttributes());
        assertEquals(Map.of("color", 1.0, "material", 1.0), r.perQuestion().get("q1"));
        assertEquals(Map.of("color", 0.0), r.perQuestion().get("q2"));
    }

    @Test
    void emptyPredictionRecallsNothing() {
        AttributeRecall.Result r = handMade().evaluate(Map.of("q3", ""));
        assertEquals(0.0, r.perCategory().get("size"), 0.0);
    }

    /** A few entries written in the layout of REX's attribute_eval_list.json and attr2cat.json (qid 17197213's). */
    @Test
    void loadsRexTablesFromUserPaths(@org.junit.jupiter.api.io.TempDir Path dir) throws java.io.IOException {
        Path list = Files.writeString(dir.resolve("attribute_eval_list.json"),
                "{\"17197213\": [\"light blue\"], \"09229761\": [\"riding\"], \"1425112\": [\"wood\"]}");
        Path cats = Files.writeString(dir.resolve("attr2cat.json"),
                "{\"blue\": \"color\", \"light blue\": \"color\", \"wood\": \"material\", \"riding\": \"activity\"}");
        AttributeRecall recall = AttributeRecall.load(list, cats);
        assertTrue(recall.categories().containsAll(List.of("color", "material")), recall.categories().toString());
        // "17197213": ["light blue"] in the original list
        assertTrue(recall.qids().contains("17197213"));
        AttributeRecall.Result hit = recall.evaluate(Map.of("17197213", "the #4 is light blue"));
        AttributeRecall.Result miss = recall.evaluate(Map.of("17197213", "the #4 is blue"));
        assertEquals(1.0, hit.perQuestion().get("17197213").get("color"), 0.0);
        assertEquals(0.0, miss.perQuestion().get("17197213").get("color"), 0.0);
        assertEquals(new LinkedHashSet<>(recall.categories()), recall.evaluate(Map.of()).perCategory().keySet());
    }
}
