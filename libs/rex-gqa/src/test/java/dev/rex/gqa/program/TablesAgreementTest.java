package dev.rex.gqa.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.OriginalTables;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Our templates and attribute table against the original's exp_template.json and attr_mapping.json: by digest on
 * every clone, entry by entry where the original files are at hand (see {@link OriginalTables}).
 */
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

    /** op TAB notation, one line per operation, sorted by operation. */
    static String templateLines() {
        Map<String, String> sorted = new TreeMap<>();
        for (Template t : Template.values()) sorted.put(t.operation(), notation(t));
        StringBuilder b = new StringBuilder();
        sorted.forEach((op, n) -> b.append(op).append('\t').append(n).append('\n'));
        return b.toString();
    }

    /** Categories in order with their values, then comparatives in order with their ranks. */
    static String attributeLines() {
        AttributeTable ours = AttributeTable.standard();
        StringBuilder b = new StringBuilder();
        ours.categories().forEach((c, values) -> b.append("categorized\t").append(c).append('\t')
                .append(String.join("|", values)).append('\n'));
        ours.comparatives().forEach((c, ranks) -> {
            List<String> parts = new ArrayList<>();
            ranks.forEach((k, v) -> parts.add(k + "=" + v));
            b.append("comparative\t").append(c).append('\t').append(String.join(",", parts)).append('\n');
        });
        return b.toString();
    }

    @Test
    void templatesAgree() throws IOException {
        templatesAgreeEntryByEntry();
        assertEquals("8695f07f55bdd8407efd9e3764f26bb2828a7d6622acd8ddeef2257037913abb",
                OriginalTables.sha256(templateLines()), "our templates differ from exp_template.json:\n" + templateLines());
    }

    @Test
    void attributeTableAgrees() throws IOException {
        attributeTableAgreesEntryByEntry();
        assertEquals("d06d738f2b23196768ab104bb438c2528ae8d3a9a316c36a5457b3ee3a61c00d",
                OriginalTables.sha256(attributeLines()), "our attribute table differs from attr_mapping.json:\n"
                        + attributeLines());
    }

    private static void templatesAgreeEntryByEntry() throws IOException {
        var file = OriginalTables.original("exp_template.json");
        if (file.isEmpty()) return;
        JsonNode table = JSON.readTree(file.get().toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Template t = Template.forOperation(e.getKey());
            assertNotNull(t, e.getKey());
            assertEquals(e.getValue().asText(), notation(t), e.getKey());
        }
        assertEquals(table.size(), Template.values().length);
    }

    private static void attributeTableAgreesEntryByEntry() throws IOException {
        var file = OriginalTables.original("attr_mapping.json");
        if (file.isEmpty()) return;
        JsonNode table = JSON.readTree(file.get().toFile());
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
