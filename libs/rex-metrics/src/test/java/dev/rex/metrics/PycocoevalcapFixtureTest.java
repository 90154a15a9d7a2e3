package dev.rex.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** pycocoevalcap's own BLEU/ROUGE-L/CIDEr on the 61 shared pairs, corpus and per item, within 1e-9. */
class PycocoevalcapFixtureTest {

    private static final List<String> CHECKED =
            List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "ROUGE_L", "CIDEr");

    @Test
    void rawFilesReproduceExpectedScores() {
        JsonNode expected = Fixtures.read(Fixtures.require("metrics/expected.json"));
        Map<String, List<String>> gts = Fixtures.stringLists(
                Fixtures.read(Fixtures.require("metrics/gts.json")));
        Map<String, List<String>> res = Fixtures.stringLists(
                Fixtures.read(Fixtures.require("metrics/res.json")));
        CaptionReport report = CaptionMetrics.coreOnly(CaptionOptions.defaults()).evaluateRaw(gts, res);
        assertMatches(expected, report);
    }

    @Test
    void tokenizedFilesReproduceExpectedScores() {
        JsonNode expected = Fixtures.read(Fixtures.require("metrics/expected.json"));
        JsonNode tok = Fixtures.read(Fixtures.require("metrics/tokenized.json"));
        Map<String, List<String>> gts = Fixtures.stringLists(tok.get("gts"));
        Map<String, String> res = new LinkedHashMap<>();
        Fixtures.stringLists(tok.get("res")).forEach((q, l) -> res.put(q, l.get(0)));
        assertMatches(expected, CaptionMetrics.coreOnly(CaptionOptions.defaults()).evaluateTokenized(gts, res));
    }

    static void assertMatches(JsonNode expected, CaptionReport report) {
        for (String m : CHECKED) {
            assertEquals(expected.get("corpus").get(m).asDouble(), report.corpus().get(m), 1e-9, "corpus " + m);
        }
        assertEquals(expected.get("per_item").size(), report.perItem().size());
        expected.get("per_item").fields().forEachRemaining(e -> {
            Map<String, Double> item = report.perItem().get(e.getKey());
            assertNotNull(item, e.getKey());
            for (String m : CHECKED) {
                assertEquals(e.getValue().get(m).asDouble(), item.get(m), 1e-9, e.getKey() + " " + m);
            }
        });
    }
}
