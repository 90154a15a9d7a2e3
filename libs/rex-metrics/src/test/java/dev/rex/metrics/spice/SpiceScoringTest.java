package dev.rex.metrics.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.CaptionScorer;
import dev.rex.metrics.MetricScores;
import dev.rex.metrics.meteor.WordNetSynonyms;

/** SPICE scoring without the parser: tuple matching, F1 edge cases, the cache file, switching SPICE off. */
class SpiceScoringTest {

    private final WordNetSynonyms wordNet = WordNetSynonyms.get();

    @Test
    void tuplesMatchElementWiseWithWordNetSynonyms() {
        assertTrue(SpiceEvaluation.similar(List.of("sofa", "small"), List.of("couch", "little"), wordNet));
        assertTrue(SpiceEvaluation.similar(List.of("teeth"), List.of("tooth"), wordNet), "teeth -> tooth (noun.exc)");
        assertFalse(SpiceEvaluation.similar(List.of("car", "red"), List.of("car", "blue"), wordNet));
        assertFalse(SpiceEvaluation.similar(List.of("car"), List.of("car", "red"), wordNet), "arity differs");
        assertTrue(SpiceEvaluation.similar(List.of("man", "sit on", "bench"), List.of("man", "sit on", "bench"),
                wordNet));
    }

    @Test
    void f1FollowsSpice10() {
        List<List<String>> cand = List.of(List.of("dog"), List.of("dog", "brown"), List.of("frisbee"));
        List<List<String>> ref = List.of(List.of("dog"), List.of("frisbee"), List.of("dog", "catch", "frisbee"),
                List.of("park"));
        SpiceEvaluation e = SpiceEvaluation.of(cand, ref, wordNet);
        assertEquals(2, e.tp());
        assertEquals(1, e.fp());
        assertEquals(2, e.fn());
        double p = 2 / 3.0;
        double r = 2 / 4.0;
        assertEquals(2 * p * r / (p + r), e.f(), 1e-15);
        assertEquals(0.0, SpiceEvaluation.of(List.of(), List.of(), wordNet).f(), "both empty: 0, as SPICE 1.0");
        assertEquals(0.0, SpiceEvaluation.of(List.of(), ref, wordNet).f());
    }

    @Test
    void cacheSkipsADamagedLineAndKeepsTheRest(@TempDir Path dir) throws Exception {
        SpiceParseCache cache = new SpiceParseCache(dir);
        Map<String, List<List<String>>> fresh = new LinkedHashMap<>();
        fresh.put("a red car", List.of(List.of("car"), List.of("car", "red")));
        cache.putAll(fresh);
        Files.writeString(dir.resolve(SpiceParseCache.FILE), "{\"caption\":\"broken", java.nio.file.StandardOpenOption.APPEND);
        SpiceParseCache reread = new SpiceParseCache(dir);
        assertEquals(1, reread.size());
        assertEquals(List.of(List.of("car"), List.of("car", "red")), reread.get("a red car"));
    }

    @Test
    void missingCoreNlpJarsGiveAnExplainedError(@TempDir Path empty) {
        String lib = System.getProperty("rex.spice.lib");
        String repo = System.getProperty("maven.repo.local");
        System.setProperty("rex.spice.lib", empty.toString());
        System.setProperty("maven.repo.local", empty.toString());
        try {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> SpiceClassPath.jars(SpiceClassPath.PARSER));
            assertTrue(e.getMessage().contains("edu.stanford.nlp:stanford-corenlp:3.6.0:models"), e.getMessage());
            assertTrue(e.getMessage().contains("--no-spice"), e.getMessage());
        } finally {
            restore("rex.spice.lib", lib);
            restore("maven.repo.local", repo);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void bothFactoriesAreFoundThroughTheServiceLoader() {
        java.util.Set<String> metrics = new java.util.HashSet<>();
        java.util.ServiceLoader.load(dev.rex.metrics.CaptionScorerFactory.class).forEach(f -> metrics.add(f.metric()));
        assertEquals(java.util.Set.of("METEOR", "SPICE"), metrics);
    }

    @Test
    void switchedOffGivesNullsAndSaysSo() {
        CaptionScorer off = new SpiceScorerFactory().create(CaptionOptions.defaults().withSpice(false));
        MetricScores m = off.score(Map.of("q1", List.of("a dog")), Map.of("q1", "a dog")).get(0);
        assertNull(m.corpus());
        assertTrue(m.perItem().containsKey("q1"));
        assertNull(m.perItem().get("q1"));
        assertEquals("SPICE switched off (--no-spice)", off.notes().get("SPICE"));
    }
}
