package dev.rex.metrics;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The parallel word and n-gram numbering gives exactly the scores of the one-thread numbering. */
class ParallelIndexingTest {

    @Test
    void parallelAndSequentialIndexingScoreIdentically() {
        Map<String, List<String>>[] data = CaptionBenchmark.generate(6_000, 3);
        PtbTokenizer tokenizer = new PtbTokenizer(2);
        Map<String, List<String>> gts = tokenizer.tokenize(data[0]);
        Map<String, String> res = new LinkedHashMap<>();
        tokenizer.tokenize(data[1]).forEach((q, l) -> res.put(q, l.get(0)));
        // a few irregular strings so the split(' ') arrays differ from split() ones
        res.put("00000001", " two  spaces ");
        res.put("00000002", "");
        TokenizedPairs par = TokenizedPairs.of(gts, res);
        TokenizedPairs seq = TokenizedPairs.sequential(gts, res);
        for (int k = 0; k < NGrams.MAX_N; k++) {
            assertEquals(seq.ngramCounts[k] > 0, par.ngramCounts[k] > 0);
        }
        assertScores(new Bleu().score(seq), new Bleu().score(par));
        assertScores(new RougeL().score(seq), new RougeL().score(par));
        assertScores(new CiderD().score(seq), new CiderD().score(par));
    }

    private static void assertScores(List<MetricScores> a, List<MetricScores> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).corpus(), b.get(i).corpus(), a.get(i).metric());
            assertEquals(a.get(i).perItem(), b.get(i).perItem(), a.get(i).metric());
        }
    }
}
