package dev.rex.gqa.semantics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.OriginalTables;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Our abstraction rules against the original's simplified_mapping_exp.json, and nothing more: by digest on every
 * clone, entry by entry where the original file is at hand (see {@link OriginalTables}).
 */
class OperationRulesAgreementTest {
    /** name TAB operation TAB rel/attr TAB obj_1 TAB obj_2, one line per GQA operation name, sorted. */
    static String ruleLines() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(OperationRules.all()).forEach((name, rule) -> b.append(name).append('\t')
                .append(rule.operation()).append('\t').append(rule.form().relAttr(rule.fixedArgument())).append('\t')
                .append(rule.form().obj1()).append('\t').append(rule.form().obj2()).append('\n'));
        return b.toString();
    }

    @Test
    void everyEntryAgrees() throws IOException {
        entryByEntry();
        assertEquals("e4be8aea77a6940c82ae2642fdeeb2f89ed5bee5a73035474839c096d13c892d",
                OriginalTables.sha256(ruleLines()), "our rules differ from simplified_mapping_exp.json:\n" + ruleLines());
        assertEquals(136, OperationRules.all().size());
    }

    private static void entryByEntry() throws IOException {
        var file = OriginalTables.original("simplified_mapping_exp.json");
        if (file.isEmpty()) return;
        JsonNode table = new ObjectMapper().readTree(file.get().toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            OperationRules.Rule rule = OperationRules.lookup(e.getKey());
            assertNotNull(rule, "no rule for '" + e.getKey() + "'");
            JsonNode row = e.getValue();
            assertEquals(row.get("operation").asText(), rule.operation(), e.getKey() + ": operation");
            assertEquals(row.get("rel/attr").asText(), rule.form().relAttr(rule.fixedArgument()), e.getKey() + ": rel/attr");
            assertEquals(row.get("obj_1").asText(), rule.form().obj1(), e.getKey() + ": obj_1");
            assertEquals(row.get("obj_2").asText(), rule.form().obj2(), e.getKey() + ": obj_2");
        }
        assertEquals(table.size(), OperationRules.all().size(), "rules for names the table does not have");
    }
}
