package dev.rex.gqa.semantics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Our abstraction rules against the original's simplified_mapping_exp.json, entry by entry, and nothing more. */
class OperationRulesAgreementTest {
    @Test
    void everyEntryAgrees() throws IOException {
        JsonNode table = new ObjectMapper().readTree(
                SharedData.require("rex-data/simplified_mapping_exp.json").toFile());
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
