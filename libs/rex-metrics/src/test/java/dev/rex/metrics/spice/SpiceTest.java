package dev.rex.metrics.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.metrics.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPICE with the real CoreNLP 4.5 scene-graph parser (loaded once for the class: about 20-40 s): hand-made
 * captions, the parse cache, and the reference fixture of SPICE 1.0 (corpus within 0.02, item differences printed).
 */
class SpiceTest {

    @TempDir
    static Path cacheDir;

    private static Spice spice;

    @BeforeAll
    static void load() {
        spice = new Spice(cacheDir, 2, null);
    }

    private static Map<String, Spice.Item> score(String candidate, String... references) {
        return spice.score(Map.of("q", List.of(references)), Map.of("q", candidate));
    }

    @Test
    void identicalCaptionsScoreOneAndTuplesHaveSpiceShape() {
        Spice.Item i = score("a man is riding a brown horse on the beach",
                "a man is riding a brown horse on the beach").get("q");
        assertEquals(1.0, i.f(), 1e-12);
        List<List<String>> t = i.candidateTuples();
        assertTrue(t.contains(List.of("man")), t.toString());
        assertTrue(t.contains(List.of("horse", "brown")), t.toString());
        assertTrue(t.contains(List.of("man", "ride", "horse")), t.toString());
        assertTrue(t.stream().anyMatch(x -> x.size() == 3 && x.get(1).endsWith("on") && x.get(2).equals("beach")),
                t.toString());
    }

    @Test
    void synonymsMatchAndWrongAttributesDoNot() {
        Spice.Item synonyms = score("a small dog on a sofa", "a little dog on a couch").get("q");
        assertEquals(1.0, synonyms.f(), 1e-12, synonyms.toString());
        Spice.Item colour = score("a red car", "a blue car").get("q");
        // objects match, the attribute does not: 1 of 2 tuples on each side
        assertEquals(1, colour.tp());
        assertEquals(0.5, colour.f(), 1e-12);
    }

    @Test
    void regionMarkersAreNotObjectsAndEmptyCandidatesScoreZero() {
        Spice.Item i = score("# 3 on # 17 is cup", "# 3 on # 17 is cup").get("q");
        assertEquals(List.of(List.of("cup")), i.candidateTuples());
        assertEquals(0.0, score("", "# 12 is a car").get("q").f());
    }

    @Test
    void parsesAreCachedOnDisk() throws IOException {
        score("two zebras grazing in a grassy field", "three zebras in a field");
        Path file = cacheDir.resolve(SpiceParseCache.FILE);
        assertTrue(Files.readString(file).contains("\"caption\":\"two zebras grazing in a grassy field\""));
        SpiceParseCache reread = new SpiceParseCache(cacheDir);
        assertTrue(reread.get("two zebras grazing in a grassy field").contains(List.of("zebra", "two")),
                String.valueOf(reread.get("two zebras grazing in a grassy field")));
    }

    @Test
    void corpusIsWithinTwoHundredthsOfSpice10OnTheFixture() throws IOException {
        Path dir = Fixtures.require("metrics");
        ObjectMapper json = new ObjectMapper();
        JsonNode tokenized = json.readTree(dir.resolve("tokenized.json").toFile());
        JsonNode expected = json.readTree(dir.resolve("expected.json").toFile());
        Map<String, List<String>> gts = new LinkedHashMap<>();
        Map<String, String> res = new LinkedHashMap<>();
        tokenized.get("res").fields().forEachRemaining(e -> {
            res.put(e.getKey(), e.getValue().get(0).asText());
            List<String> refs = new ArrayList<>();
            tokenized.get("gts").get(e.getKey()).forEach(r -> refs.add(r.asText()));
            gts.put(e.getKey(), refs);
        });
        Map<String, Spice.Item> items = spice.score(gts, res);
        int differ = 0;
        System.out.printf("%-4s %8s %8s  %s%n", "qid", "ours", "SPICE1.0", "candidate || references");
        for (Map.Entry<String, Spice.Item> e : items.entrySet()) {
            JsonNode ref = expected.get("spice").get("per_item").get(e.getKey());
            double want = ref.get("All").get("f").asDouble();
            double got = e.getValue().f();
            boolean same = Math.abs(want - got) < 1e-9;
            differ += same ? 0 : 1;
            System.out.printf("%-4s %8.4f %8.4f %s %s || %s%n", e.getKey(), got, want, same ? " " : "*",
                    res.get(e.getKey()), gts.get(e.getKey()));
            if (!same) {
                System.out.println("       ours " + e.getValue().candidateTuples() + " | " + e.getValue().referenceTuples());
                System.out.println("       1.0  " + tuples(ref.get("test_tuples")) + " | " + tuples(ref.get("ref_tuples")));
            }
        }
        double corpus = Spice.corpus(items);
        double want = expected.get("corpus").get("SPICE").asDouble();
        System.out.printf("SPICE corpus: ours %.6f, SPICE 1.0 %.6f, difference %+.6f; %d of %d items differ%n",
                corpus, want, corpus - want, differ, items.size());
        assertEquals(want, corpus, 0.02);
    }

    private static List<List<String>> tuples(JsonNode list) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode t : list) {
            List<String> tuple = new ArrayList<>();
            t.get(0).forEach(x -> tuple.add(x.asText()));
            out.add(tuple);
        }
        return out;
    }
}
