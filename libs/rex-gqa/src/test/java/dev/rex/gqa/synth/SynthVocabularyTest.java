package dev.rex.gqa.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

class SynthVocabularyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void operationFamiliesFollowGqaNames() {
        assertEquals(OperationFamily.SELECT, OperationFamily.of("select"));
        assertEquals(OperationFamily.FILTER, OperationFamily.of("filter"));
        assertEquals(OperationFamily.FILTER, OperationFamily.of("filter face expression"));
        assertEquals(OperationFamily.VERIFY, OperationFamily.of("verify rel"));
        assertEquals(OperationFamily.CHOOSE, OperationFamily.of("choose rel"));
        assertEquals(OperationFamily.CHOOSE, OperationFamily.of("choose color"));
        assertEquals(OperationFamily.CHOOSE, OperationFamily.of("choose"));
        assertEquals(OperationFamily.COMPARE, OperationFamily.of("choose healthier"));
        assertEquals(OperationFamily.COMPARE, OperationFamily.of("choose less healthy"));
        assertEquals(OperationFamily.SAME, OperationFamily.of("same color"));
        assertEquals(OperationFamily.DIFFERENT, OperationFamily.of("different"));
        assertThrows(IllegalArgumentException.class, () -> OperationFamily.of("count"));
    }

    @Test
    void vocabularyIsConsistent() {
        for (SynthVocabulary.ObjectClass c : SynthVocabulary.classes()) {
            for (var e : c.attributes().entrySet()) {
                assertFalse(e.getValue().isEmpty(), c.name() + " " + e.getKey());
                for (String v : e.getValue()) assertEquals(e.getKey(), SynthVocabulary.categoryOf(v), v);
            }
        }
        assertTrue(SynthVocabulary.isA("woman", "person"));
        assertFalse(SynthVocabulary.isA("dog", "person"));
        assertEquals("an", SynthVocabulary.article("apple"));
    }

    /** Our operation names, attribute categories and comparatives are those of REX's tables. */
    @Test
    void worldUsesRexOperationNamesAndCategories(@TempDir Path tmp) throws IOException {
        JsonNode mapping = JSON.readTree(SharedData.require("rex-data/simplified_mapping_exp.json").toFile());
        JsonNode attrs = JSON.readTree(SharedData.require("rex-data/attr_mapping.json").toFile());
        for (SynthVocabulary.ObjectClass c : SynthVocabulary.classes()) {
            for (var e : c.attributes().entrySet()) {
                JsonNode list = attrs.get("categorized").get(e.getKey());
                assertNotNull(list, "GQA category " + e.getKey());
                Set<String> values = new TreeSet<>(list.findValuesAsText(""));
                list.forEach(v -> values.add(v.asText()));
                for (String v : e.getValue()) assertTrue(values.contains(v), v + " is a GQA " + e.getKey());
            }
        }
        for (String comp : SynthVocabulary.COMPARATIVES) {
            assertTrue(mapping.has("choose " + comp), "choose " + comp);
        }
        SynthWorld.generate(new SynthWorld.Options(6, 13, 3, tmp.resolve("w"), false), null);
        Set<String> ops = new TreeSet<>();
        for (String split : SynthWorld.SPLITS) {
            JsonNode qs = JSON.readTree(tmp.resolve("w/questions/" + split + "_balanced_questions.json").toFile());
            for (JsonNode q : qs) ops.addAll(q.get("semantic").findValuesAsText("operation"));
        }
        System.out.println("operations used: " + ops);
        for (String op : ops) assertTrue(mapping.has(op), op + " is an operation of REX's mapping");
    }

    @Test
    void realGqaOperationsClassify() throws IOException {
        JsonNode qs = JSON.readTree(SharedData.require("gqa-samples/questions.json").toFile());
        for (JsonNode q : qs) {
            for (String op : q.get("semantic").findValuesAsText("operation")) assertNotNull(OperationFamily.of(op));
        }
        JsonNode mapping = JSON.readTree(SharedData.require("rex-data/simplified_mapping_exp.json").toFile());
        mapping.fieldNames().forEachRemaining(op -> assertNotNull(OperationFamily.of(op), op));
    }
}
