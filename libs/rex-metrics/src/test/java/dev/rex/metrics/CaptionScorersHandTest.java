package dev.rex.metrics;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small cases computed by hand from the definitions in ARCHITECTURE §6 (no shared fixture needed). */
class CaptionScorersHandTest {

    private static CaptionReport score(String[][] items) {
        Map<String, List<String>> gts = new LinkedHashMap<>();
        Map<String, String> res = new LinkedHashMap<>();
        for (int i = 0; i < items.length; i++) {
            res.put("q" + i, items[i][0]);
            gts.put("q" + i, List.of(items[i]).subList(1, items[i].length));
        }
        return CaptionMetrics.coreOnly(CaptionOptions.defaults()).evaluateTokenized(gts, res);
    }

    @Test
    void bleuClosestReferenceLengthTiesGoToTheShorter() {
        // candidate length 4, references of length 3 and 5: the tie picks 3, so no brevity penalty
        // (picking 5 would give exp(1 - 5/4) = 0.7788)
        CaptionReport r = score(new String[][] {{"a b c d", "a b c", "a b c d e"}});
        assertEquals(1.0, r.corpus().get("Bleu_1"), 1e-9);
        assertEquals(1.0, r.corpus().get("Bleu_4"), 1e-9);
    }

    @Test
    void bleuBrevityPenaltyUsesTheClosestLength() {
        // candidate 2 words, references 3 and 6 words: closest 3, penalty exp(1 - 3/2)
        CaptionReport r = score(new String[][] {{"a b", "a b c", "x y z w v u"}});
        assertEquals(Math.exp(-0.5), r.corpus().get("Bleu_1"), 1e-9);
        assertEquals(Math.exp(-0.5), r.perItem().get("q0").get("Bleu_1"), 1e-9);
    }

    @Test
    void bleuClipsRepeatedNGrams() {
        // "the" 4 times, at most twice in the reference: p1 = 2/4; no "the the" in the reference
        CaptionReport r = score(new String[][] {{"the the the the", "the cat the mat"}});
        assertEquals(0.5, r.corpus().get("Bleu_1"), 1e-9);
        assertEquals(Math.sqrt(0.5 * 1e-15 / 3), r.corpus().get("Bleu_2"), 1e-12);
    }

    @Test
    void emptyCandidateScoresZeroEverywhere() {
        CaptionReport r = score(new String[][] {{"", "a b"}, {"c d", "c d"}});
        Map<String, Double> empty = r.perItem().get("q0");
        assertEquals(0.0, empty.get("Bleu_1"), 0.0); // brevity penalty exp(1 - 2e15) underflows to 0
        assertEquals(0.0, empty.get("ROUGE_L"), 0.0); // "".split(" ") is [""]: LCS 0
        assertEquals(0.0, empty.get("CIDEr"), 0.0);
    }

    @Test
    void oneTokenSentencesUseTheSmoothingConstants() {
        CaptionReport r = score(new String[][] {{"dog", "dog"}});
        Map<String, Double> item = r.perItem().get("q0");
        // p1 = (1 + 1e-15) / (1 + 1e-9); no bigram etc.: p_k = (0 + 1e-15) / (0 + 1e-9) = 1e-6.
        // Equal lengths still get a tiny brevity penalty: ratio = (1 + 1e-15) / (1 + 1e-9) < 1 (a quirk kept).
        double p1 = (1 + 1e-15) / (1 + 1e-9);
        double bp = Math.exp(1 - 1 / p1);
        assertEquals(p1 * bp, item.get("Bleu_1"), 1e-15);
        assertEquals(Math.sqrt(p1 * 1e-6) * bp, item.get("Bleu_2"), 1e-15);
        assertEquals(Math.cbrt(p1 * 1e-12) * bp, item.get("Bleu_3"), 1e-15);
        assertEquals(Math.pow(p1 * 1e-18, 0.25) * bp, item.get("Bleu_4"), 1e-15);
        assertEquals(1.0, item.get("ROUGE_L"), 0.0);
        // one item: idf = log(1) - log(1) = 0, all vectors zero, CIDEr 0
        assertEquals(0.0, item.get("CIDEr"), 0.0);
    }

    @Test
    void ciderByHand() {
        // N = 2, idf weight log 2 for every reference n-gram (df 1) and for the unseen "c" (df 0 -> log 1)
        // item 0: orders 1 and 2 match exactly (cosine 1), orders 3, 4 empty -> mean 0.5 -> x10 = 5
        // item 1: "c" vs "d": no overlap -> 0
        CaptionReport r = score(new String[][] {{"a b", "a b"}, {"c", "d"}});
        assertEquals(5.0, r.perItem().get("q0").get("CIDEr"), 1e-12);
        assertEquals(0.0, r.perItem().get("q1").get("CIDEr"), 1e-12);
        assertEquals(2.5, r.corpus().get("CIDEr"), 1e-12);
    }

    @Test
    void ciderLengthPenaltyCountsBigrams() {
        // item 0: candidate "a b" (1 bigram) vs reference "a b c" (2 bigrams): delta 1 -> e^(-1/72)
        // unigram cosine: hyp (a, b) . ref (a, b, c), equal idf w: 2w^2 / (sqrt(2) w * sqrt(3) w) = 2/sqrt(6)
        // bigram: hyp {ab}, ref {ab, bc}: w^2 / (w * sqrt(2) w) = 1/sqrt(2)
        CaptionReport r = score(new String[][] {{"a b", "a b c"}, {"x", "y"}});
        double expected = (2 / Math.sqrt(6) + 1 / Math.sqrt(2)) / 4 * 10 * Math.pow(Math.E, -1.0 / 72);
        assertEquals(expected, r.perItem().get("q0").get("CIDEr"), 1e-12);
    }

    @Test
    void rougeTakesPrecisionAndRecallMaximaSeparately() {
        // ref 1: LCS 2, P = 2/4, R = 1; ref 2: LCS 4, P = 1, R = 4/8 -> Pmax = Rmax = 1 -> F = 1
        CaptionReport r = score(new String[][] {{"a b c d", "a b", "a b c d e f g h"}});
        assertEquals(1.0, r.corpus().get("ROUGE_L"), 1e-12);
        // single reference: LCS "a c d" = 3, P = 3/4, R = 3/5, beta 1.2
        r = score(new String[][] {{"a b c d", "a c e d f"}});
        double p = 0.75, rec = 0.6, b2 = 1.44;
        assertEquals((1 + b2) * p * rec / (rec + b2 * p), r.corpus().get("ROUGE_L"), 1e-12);
    }

    @Test
    void regionAndGridTokensAreScoredAfterPtbSplitting() {
        CaptionReport r = CaptionMetrics.coreOnly(CaptionOptions.defaults()).evaluateRaw(
                Map.of("q", List.of("#12 is red")), Map.of("q", List.of("@12 is red")));
        // "@ 12 is red" vs "# 12 is red": 3 of 4 unigrams, LCS 3 of 4
        assertEquals(0.75, r.corpus().get("Bleu_1"), 1e-9);
        assertEquals(0.75, r.corpus().get("ROUGE_L"), 1e-12);
    }

    @Test
    void pairwiseSummationMatchesNumpyOrder() {
        double[] v = new double[300];
        for (int i = 0; i < v.length; i++) {
            v[i] = 1.0 / (i + 1);
        }
        // same value as the naive sum to well within 1e-12, and exact for small arrays
        double naive = 0;
        for (double x : v) {
            naive += x;
        }
        assertEquals(naive, NumpySum.sum(v, 0, v.length), 1e-12);
        assertEquals(0.1 + 0.2 + 0.3, NumpySum.sum(new double[] {0.1, 0.2, 0.3}, 0, 3), 0.0);
    }
}
