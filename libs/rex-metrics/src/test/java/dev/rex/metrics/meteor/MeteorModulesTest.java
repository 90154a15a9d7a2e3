package dev.rex.metrics.meteor;

import static dev.rex.metrics.meteor.MeteorModule.EXACT;
import static dev.rex.metrics.meteor.MeteorModule.PARAPHRASE;
import static dev.rex.metrics.meteor.MeteorModule.STEM;
import static dev.rex.metrics.meteor.MeteorModule.SYNONYM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.CaptionScorer;
import dev.rex.metrics.MetricScores;

/** Hand-made cases: what each module adds, the score formula, pooling, normalisation, the paraphrase table. */
class MeteorModulesTest {

    private static final Meteor EXACT_ONLY = Meteor.withModules(List.of(EXACT), null);
    private static final Meteor EXACT_STEM = Meteor.withModules(List.of(EXACT, STEM), null);
    private static final Meteor FULL = Meteor.withoutParaphrases();

    @Test
    void stemModuleMatchesInflectedForms() {
        String test = "a dog plays in the parks";
        List<String> ref = List.of("a dog playing in the park");
        Meteor.Result exact = EXACT_ONLY.score(test, ref);
        Meteor.Result stem = EXACT_STEM.score(test, ref);
        assertEquals(0, exact.matchedWords(0) - 4, "exact: a, dog, in, the");
        assertEquals(2, stem.matchedWords(1), "stem: plays/playing, parks/park");
        assertTrue(stem.score() > exact.score() + 0.1, stem.score() + " vs " + exact.score());
    }

    @Test
    void synonymModuleMatchesWordNetSynonymsAndTheirInflections() {
        String test = "a small boy on the sofas";
        List<String> ref = List.of("a little boy on the couch");
        Meteor.Result withoutSynonyms = EXACT_STEM.score(test, ref);
        Meteor.Result withSynonyms = FULL.score(test, ref);
        assertEquals(0, withoutSynonyms.matchedWords(2));
        // small/little share a synset; sofas -> sofa (morphy suffix rule) shares one with couch
        assertEquals(2, withSynonyms.matchedWords(2));
        assertTrue(withSynonyms.score() > withoutSynonyms.score() + 0.1);
        // irregular forms go through WordNet's exception lists: teeth -> tooth
        assertEquals(1, FULL.score("the teeth", List.of("the tooth")).matchedWords(1)
                + FULL.score("the teeth", List.of("the tooth")).matchedWords(2));
    }

    @Test
    void scoreFollowsTheMeteorFormula() {
        // "a cat" vs "a cat sat": 2 exact matches in 1 chunk; "a" is a function word.
        Meteor.Result r = FULL.score("a cat", List.of("a cat sat"));
        assertEquals("2.0 3.0 1.0 1.0 1.0 1.0 1.0 1.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 1.0 2.0 2.0",
                r.statsLine());
        double delta = 0.75;
        double precision = (delta * 1 + (1 - delta) * 1) / (delta * 1 + (1 - delta) * 1);
        double recall = (delta * 1 + (1 - delta) * 1) / (delta * 2 + (1 - delta) * 1);
        double fMean = 1 / (0.15 / precision + 0.85 / recall);
        double penalty = 0.6 * Math.pow(1 / 2.0, 0.2);
        assertEquals(fMean * (1 - penalty), r.score(), 1e-12);
        // identical sentences: one chunk covering everything, no fragmentation penalty
        assertEquals(1.0, FULL.score("# 3 on # 17 is cup", List.of("# 3 on # 17 is cup")).score(), 1e-12);
    }

    @Test
    void bestReferenceIsKeptAndCorpusScoreIsPooledNotAveraged() {
        Map<String, List<String>> gts = new LinkedHashMap<>();
        Map<String, String> res = new LinkedHashMap<>();
        gts.put("q1", List.of("a red bus", "a red bus on the street"));
        res.put("q1", "a red bus");
        gts.put("q2", List.of("# 1 is to the left of # 2"));
        res.put("q2", "# 2 is left of # 1 on the table");
        CaptionScorer scorer = new MeteorScorerFactory().create(CaptionOptions.defaults().withThreads(1));
        MetricScores m = scorer.score(gts, res).get(0);
        assertEquals(1.0, m.perItem().get("q1"), 1e-12, "first reference matches exactly");
        double mean = (m.perItem().get("q1") + m.perItem().get("q2")) / 2;
        assertTrue(Math.abs(m.corpus() - mean) > 1e-3, "pooled " + m.corpus() + " vs mean " + mean);
        // pooling: q1's single whole chunk is not added, so the pooled chunks are q2's alone
        Meteor.Pool pool = new Meteor.Pool();
        Meteor.Result q1 = FULL.score(res.get("q1"), gts.get("q1"));
        Meteor.Result q2 = FULL.score(res.get("q2"), gts.get("q2"));
        pool.add(q1);
        pool.add(q2);
        MeteorStats a = new MeteorStats();
        a.add(MeteorStats.fromLine(q1.statsLine()));
        a.add(MeteorStats.fromLine(q2.statsLine()));
        assertEquals(MeteorStats.fromLine(q2.statsLine()).chunks, a.chunks);
        assertEquals(FULL.score(pool), m.corpus(), 0);
        assertEquals(FULL.score(pool), FULL.scoreStatsLine(a.toLine()), 1e-15);
        assertTrue(scorer.notes().get("METEOR").contains("without paraphrase table"));
    }

    @Test
    void normaliserSplitsLikeMeteor() {
        assertEquals("farmer ' s market", MeteorNormalizer.normalize("farmer 's market"));
        assertEquals("is n 't that", MeteorNormalizer.normalize("is n't that"));
        assertEquals("a close up of a hot dog & ketchup", MeteorNormalizer.normalize("a close-up of a hot dog & ketchup"));
        assertEquals("? !", MeteorNormalizer.normalize("?!"));
        assertEquals("the us army", MeteorNormalizer.normalize("the U.S. army"));
        assertEquals("he left .", MeteorNormalizer.normalize("he left."));
        assertEquals("mr. smith", MeteorNormalizer.normalize("Mr. Smith"));
        assertEquals("wait ... what", MeteorNormalizer.normalize("wait... what"));
        assertEquals("# 12 -lrb- left -rrb-", MeteorNormalizer.normalize("# 12 -lrb- left -rrb-"));
        assertEquals("", MeteorNormalizer.normalize(""));
    }

    @Test
    void paraphraseTableAddsPhraseMatches(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("paraphrase-en.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(table))) {
            out.write("0.5\nhot dog\nhotdog\n0.25\nnext to\nbeside\n".getBytes(StandardCharsets.UTF_8));
        }
        String test = "a hotdog beside a bun";
        List<String> ref = List.of("a hot dog next to a bun");
        Meteor.Result without = FULL.score(test, ref);
        Meteor.Result with = Meteor.withModules(List.of(EXACT, STEM, SYNONYM, PARAPHRASE), table).score(test, ref);
        // hotdog <-> "hot dog" and beside <-> "next to": 2 candidate words, 4 reference words ("to" a function
        // word), all of them in one alignment with the exact a, a, bun: 5 of 5 and 7 of 7 words matched
        assertTrue(with.statsLine().endsWith(" 2.0 3.0 0.0 1.0 1.0 5.0 7.0"), with.statsLine());
        assertTrue(with.score() > without.score() + 0.2, with.score() + " vs " + without.score());
        CaptionScorer scorer = new MeteorScorerFactory().create(CaptionOptions.defaults().withMeteorParaphrase(table));
        assertTrue(scorer.notes().get("METEOR").contains("with paraphrase table"));
    }

    @Test
    void unreadableParaphraseTableIsAUserError(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.gz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeteorScorerFactory().create(CaptionOptions.defaults().withMeteorParaphrase(missing)));
        assertTrue(e.getMessage().contains("--meteor-paraphrase"), e.getMessage());
        Path notGzip = dir.resolve("plain.gz");
        Files.writeString(notGzip, "0.5\nhot dog\nhotdog\n");
        assertThrows(IllegalArgumentException.class, () -> Meteor.withParaphrases(notGzip));
    }
}
