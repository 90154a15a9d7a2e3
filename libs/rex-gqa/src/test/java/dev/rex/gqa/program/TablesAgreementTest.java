package dev.rex.gqa.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Our templates and attribute table against the original's exp_template.json and attr_mapping.json. */
class TablesAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Our template written in the original's notation: parts joined by '#', (OBJ) (ARG) (DEP1) (DEP2) [ACTION]. */
    static String notation(Template t) {
        List<String> parts = new ArrayList<>();
        for (Template.Part p : t.parts()) {
            parts.add(switch (p.kind()) {
                case WORD -> p.word();
                case ACTION -> "[" + p.action().name() + "]";
                default -> "(" + p.kind().name() + ")";
            });
        }
        return String.join("#", parts);
    }

    @Test
    void templatesAgree() throws IOException {
        JsonNode table = JSON.readTree(SharedData.require("rex-data/exp_template.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Template t = Template.forOperation(e.getKey());
            assertNotNull(t, e.getKey());
            assertEquals(e.getValue().asText(), notation(t), e.getKey());
        }
        assertEquals(table.size(), Template.values().length);
    }

    @Test
    void attributeTableAgrees() throws IOException {
        JsonNode table = JSON.readTree(SharedData.require("rex-data/attr_mapping.json").toFile());
        AttributeTable ours = AttributeTable.standard();
        JsonNode cats = table.get("categorized");
        assertEquals(cats.size(), ours.categories().size());
        List<String> order = new ArrayList<>();
        cats.fieldNames().forEachRemaining(order::add);
        assertEquals(order, new ArrayList<>(ours.categories().keySet()));
        for (String c : order) {
            List<String> values = new ArrayList<>();
            cats.get(c).forEach(v -> values.add(v.asText()));
            assertEquals(values, ours.category(c), "category " + c);
        }
        JsonNode comps = table.get("comparative");
        assertEquals(comps.size(), ours.comparatives().size());
        for (Iterator<Map.Entry<String, JsonNode>> it = comps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Integer> mine = ours.comparatives().get(e.getKey());
            assertNotNull(mine, e.getKey());
            List<String> keys = new ArrayList<>();
            e.getValue().fieldNames().forEachRemaining(keys::add);
            assertEquals(keys, new ArrayList<>(mine.keySet()), "comparative " + e.getKey());
            e.getValue().fields().forEachRemaining(v -> assertEquals(v.getValue().asInt(), mine.get(v.getKey())));
        }
    }
}
