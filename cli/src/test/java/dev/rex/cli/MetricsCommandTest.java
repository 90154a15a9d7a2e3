package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex metrics} end to end: the contract's JSON layout, pycocoevalcap's numbers, and its errors. */
class MetricsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS =
            List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "METEOR", "ROUGE_L", "CIDEr", "SPICE");
    private static final List<String> EXACT = List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "ROUGE_L", "CIDEr");

    @TempDir
    Path dir;


    @Test
    void sharedFixtureThroughTheCommandEqualsPycocoevalcap() throws Exception {
        Path fx = Fixtures.metrics();
        Path out = dir.resolve("scores.json");
        CliRun r = CliRun.of("metrics", "--gts", fx.resolve("gts.json").toString(), "--res", fx.resolve("res.json").toString(),
                "--json", out.toString(), "--no-spice");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CIDEr"), r.out());
        JsonNode got = JSON.readTree(out.toFile());
        JsonNode expected = JSON.readTree(fx.resolve("expected.json").toFile());
        assertLayout(got, expected.get("per_item").size());
        for (String m : EXACT) {
            assertEquals(expected.get("corpus").get(m).asDouble(), got.get("corpus").get(m).asDouble(), 1e-9, m);
        }
        expected.get("per_item").fields().forEachRemaining(e -> {
            for (String m : EXACT) {
                assertEquals(e.getValue().get(m).asDouble(), got.get("per_item").get(e.getKey()).get(m).asDouble(),
                        1e-9, e.getKey() + " " + m);
            }
        });
        assertTrue(got.get("corpus").get("SPICE").isNull());
        assertTrue(got.get("notes").get("SPICE").asText().contains("--no-spice"), got.get("notes").toString());
    }

    @Test
    void handMadePairsWriteTheFullLayout() throws Exception {
        Path gts = write("gts.json", "{\"a\": [\"A dog runs.\"], \"b\": [\"#12 is left of @5\", \"a cat\"]}");
        Path res = write("res.json", "{\"b\": [\"#12 is left of @5\"], \"a\": [\"a dog runs\"]}");
        Path out = dir.resolve("nested/scores.json");
        CliRun r = CliRun.of("metrics", "--gts", gts.toString(), "--res", res.toString(), "--json", out.toString(),
                "--no-spice");
        assertEquals(0, r.code(), r.err());
        JsonNode got = JSON.readTree(out.toFile());
        assertLayout(got, 2);
        // both candidates equal one of their references after tokenization: every n-gram matches
        for (String m : EXACT.subList(0, 4)) {
            assertEquals(1.0, got.get("corpus").get(m).asDouble(), 1e-9, m);
        }
        assertEquals(1.0, got.get("per_item").get("b").get("ROUGE_L").asDouble(), 1e-12);
    }

    @Test
    void emptyFilesGiveNullsWithNotes() throws Exception {
        Path gts = write("gts.json", "{}");
        Path res = write("res.json", "{}");
        Path out = dir.resolve("empty.json");
        CliRun r = CliRun.of("metrics", "--gts", gts.toString(), "--res", res.toString(), "--json", out.toString(),
                "--no-spice");
        assertEquals(0, r.code(), r.err());
        JsonNode got = JSON.readTree(out.toFile());
        assertLayout(got, 0);
        for (String k : KEYS) {
            assertTrue(got.get("corpus").get(k).isNull(), k);
        }
        assertTrue(got.get("notes").has("corpus"), got.get("notes").toString());
    }

    @Test
    void qidsOnOneSideOnlyAreNamed() throws Exception {
        Path gts = write("gts.json", "{\"a\": [\"x y\"], \"only-ref\": [\"z\"]}");
        Path res = write("res.json", "{\"a\": [\"x y\"], \"only-cand\": [\"z\"]}");
        CliRun r = CliRun.of("metrics", "--gts", gts.toString(), "--res", res.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("only-ref") && r.err().contains("only-cand"), r.err());
    }

    @Test
    void nonStringEntriesAndBadFilesAreClearErrors() throws Exception {
        Path good = write("good.json", "{\"a\": [\"x y\"]}");
        Path number = write("number.json", "{\"a\": [42]}");
        CliRun r = CliRun.of("metrics", "--gts", good.toString(), "--res", number.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--res") && r.err().contains("expected a string"), r.err());

        Path notList = write("notlist.json", "{\"a\": \"x y\"}");
        r = CliRun.of("metrics", "--gts", notList.toString(), "--res", good.toString());
        assertTrue(r.err().contains("--gts") && r.err().contains("list of strings"), r.err());

        Path broken = write("broken.json", "{\"a\": [\"x\"");
        r = CliRun.of("metrics", "--gts", broken.toString(), "--res", good.toString());
        assertTrue(r.err().contains("not valid JSON"), r.err());

        r = CliRun.of("metrics", "--gts", dir.resolve("missing.json").toString(), "--res", good.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such file"), r.err());

        Path two = write("two.json", "{\"a\": [\"x\", \"y\"]}");
        r = CliRun.of("metrics", "--gts", good.toString(), "--res", two.toString());
        assertTrue(r.err().contains("exactly one candidate"), r.err());
    }

    private static void assertLayout(JsonNode got, int items) {
        assertEquals(List.of("corpus", "per_item", "notes"), iterable(got));
        assertEquals(KEYS, iterable(got.get("corpus")));
        assertEquals(items, got.get("per_item").size());
        got.get("per_item").forEach(item -> assertEquals(KEYS, iterable(item)));
        for (String k : List.of("METEOR", "SPICE")) {
            if (got.get("corpus").get(k).isNull()) {
                assertTrue(got.get("notes").has(k), "a null " + k + " needs a note: " + got.get("notes"));
            }
        }
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }
}
