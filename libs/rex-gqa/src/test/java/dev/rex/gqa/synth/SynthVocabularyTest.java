package dev.rex.gqa.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.Fixtures;
import dev.rex.gqa.program.AttributeTable;
import dev.rex.gqa.semantics.OperationRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * Our operation names, attribute categories and comparatives are those of REX's tables (through our encoding of
     * them, which TablesAgreementTest and OperationRulesAgreementTest hold equal to the original files).
     */
    @Test
    void worldUsesRexOperationNamesAndCategories(@TempDir Path tmp) throws IOException {
        AttributeTable attrs = AttributeTable.standard();
        for (SynthVocabulary.ObjectClass c : SynthVocabulary.classes()) {
            for (var e : c.attributes().entrySet()) {
                List<String> list = attrs.categories().get(e.getKey());
                assertNotNull(list, "GQA category " + e.getKey());
                for (String v : e.getValue()) assertTrue(list.contains(v), v + " is a GQA " + e.getKey());
            }
        }
        for (String comp : SynthVocabulary.COMPARATIVES) {
            assertNotNull(OperationRules.lookup("choose " + comp), "choose " + comp);
        }
        SynthWorld.generate(new SynthWorld.Options(6, 13, 3, tmp.resolve("w"), false), null);
        Set<String> ops = new TreeSet<>();
        for (String split : SynthWorld.SPLITS) {
            JsonNode qs = JSON.readTree(tmp.resolve("w/questions/" + split + "_balanced_questions.json").toFile());
            for (JsonNode q : qs) ops.addAll(q.get("semantic").findValuesAsText("operation"));
        }
        System.out.println("operations used: " + ops);
        for (String op : ops) assertNotNull(OperationRules.lookup(op), op + " is an operation of REX's mapping");
    }

    @Test
    void realGqaOperationsClassify() throws IOException {
        int questions = 0;
        for (String split : List.of("train", "val")) {
            JsonNode qs = JSON.readTree(Fixtures.require("gqa-rex/question/" + split + "_balanced_questions.json")
                    .toFile());
            for (JsonNode q : qs) {
                for (String op : q.get("semantic").findValuesAsText("operation")) assertNotNull(OperationFamily.of(op));
                questions++;
            }
        }
        assertEquals(19, questions);
        OperationRules.all().keySet().forEach(op -> assertNotNull(OperationFamily.of(op), op));
    }
}
