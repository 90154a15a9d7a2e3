package dev.rex.metrics.meteor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.Fixtures;
import dev.rex.metrics.MetricScores;

/**
 * METEOR against the original METEOR 1.5 (run by pycocoevalcap without paraphrase table) on the 61 pairs of
 * the metrics fixture: statistics lines identical, item and corpus scores within 1e-6.
 */
class MeteorFixtureTest {

    private static Path fixtures() {
        return Fixtures.require("metrics");
    }

    @Test
    void reproducesMeteor15OnTheFixture() throws IOException {
        Path dir = fixtures();
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

        Meteor meteor = Meteor.withoutParaphrases();
        assertEquals(expected.get("meteor").get("config_id").asText(), meteor.configId());
        List<String> diffs = new ArrayList<>();
        for (String qid : res.keySet()) {
            Meteor.Result r = meteor.score(res.get(qid), gts.get(qid));
            String want = expected.get("meteor").get("stats").get(qid).asText();
            double wantScore = expected.get("per_item").get(qid).get("METEOR").asDouble();
            if (!want.equals(r.statsLine()) || Math.abs(wantScore - r.score()) > 1e-6) {
                diffs.add(qid + ": " + res.get(qid) + " || " + gts.get(qid) + "\n   want " + want + " " + wantScore
                        + "\n   got  " + r.statsLine() + " " + r.score());
            }
        }
        diffs.forEach(System.out::println);
        assertEquals(List.of(), diffs, "items whose METEOR statistics or score differ from METEOR 1.5");

        MetricScores scores = new MeteorScorerFactory().create(CaptionOptions.defaults().withThreads(2))
                .score(gts, res).get(0);
        assertEquals(expected.get("corpus").get("METEOR").asDouble(), scores.corpus(), 1e-6);
        for (String qid : res.keySet()) {
            assertEquals(expected.get("per_item").get(qid).get("METEOR").asDouble(), scores.perItem().get(qid), 1e-6,
                    qid);
        }
    }
}
