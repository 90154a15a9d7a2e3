package dev.rex.gqa.post;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plural rewriting and repairs, against what the original's replace loop gives (values checked in CPython). */
class TokenRewriteTest {
    private static TokenRewrite rules(String... words) {
        return TokenRewrite.fromVocabulary(new CorpusVocabulary(List.of(words)));
    }

    private static String apply(TokenRewrite r, String text) {
        List<String> w = new ArrayList<>(List.of(text.split(" ")));
        r.apply(w);
        return String.join(" ", w);
    }

    @Test
    void pluralOnlyWhenBothFormsOccur() {
        TokenRewrite r = rules("cups", "cup", "shoes", "glasses");
        assertEquals("cup shoes glasses", apply(r, "cups shoes glasses"));
        assertTrue(r.rules().containsKey("cups"));
        assertFalse(r.rules().containsKey("shoes"));
    }

    @Test
    void keptPluralsAndTheirAbsenceIsTolerated() {
        TokenRewrite r = rules("pictures", "picture", "hands", "hand", "dvds", "dvd", "cats", "cat");
        assertEquals("taking pictures shaking hands dvds cat", apply(r, "taking pictures shaking hands dvds cats"));
        // the original deletes these keys and crashes when one is missing; here none of them occurs
        assertEquals("cup", apply(rules("cups", "cup"), "cups"));
    }

    @Test
    void fixedRepairsComeAfterThePlurals() {
        TokenRewrite r = rules("cups", "cup");
        assertEquals(List.of("cups", "1293422", "2109828", "1749668", "846582", "mice"),
                new ArrayList<>(r.rules().keySet()));
        assertEquals("sidewalk fence table helmet mouse", apply(r, "1293422 2109828 1749668 846582 mice"));
    }

    @Test
    void onePassRewritesOnlyEveryOtherOfEqualNeighbours() {
        // (' ' + 'cups cups cups x' + ' ').replace(' cups ', ' cup ') == ' cup cups cup x '
        assertEquals("cup cups cup x", apply(rules("cups", "cup"), "cups cups cups x"));
    }

    @Test
    void laterRulesSeeEarlierReplacements() {
        // vocabulary order: "glassess" (-> "glasses") comes before "glasses" (-> "glasse"): both apply in turn
        TokenRewrite forward = rules("glassess", "glasses", "glasse");
        assertEquals("glasse", apply(forward, "glassess"));
        // the other order: "glasses" is rewritten first, then "glassess" -> "glasses" stays
        TokenRewrite backward = rules("glasses", "glassess", "glasse");
        assertEquals("glasses", apply(backward, "glassess"));
    }

    @Test
    void vocabulariesOfTheTwoStages() {
        CorpusVocabulary post = new CorpusVocabulary();
        post.addPostProcessingText("(obj:1) is white? mice (obj*:dog )");
        assertEquals(List.of("is", "white", "mouse", ")"), post.words());
        CorpusVocabulary fin = new CorpusVocabulary();
        fin.addFinalizingText("#1 is red, while @3 is 1293422.");
        assertEquals(List.of("is", "red", "while", "sidewalk"), fin.words());
    }
}
