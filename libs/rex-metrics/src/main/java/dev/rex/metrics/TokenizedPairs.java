package dev.rex.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The evaluated set in the form BLEU, ROUGE-L and CIDEr share: per item (in {@code gts} order) the candidate
 * and its references as word ids, split the two ways the reference scorers split ({@code s.split()} for BLEU
 * and CIDEr, {@code s.split(' ')} for ROUGE-L), and their n-gram counts. Built once per run and reused by
 * every scorer.
 */
final class TokenizedPairs {

    final String[] qids;
    /** Whitespace-split word ids: cand[i], refs[i][r]. */
    final int[][] cand;
    final int[][][] refs;
    /** {@code split(' ')} word ids (empty parts kept) for ROUGE-L. */
    final int[][] candSpace;
    final int[][][] refsSpace;
    final NGrams[] candNGrams;
    final NGrams[][] refNGrams;
    /** Number of distinct n-grams per order (sizes of CIDEr's document-frequency tables). */
    final int[] ngramCounts;

    private final Map<String, Integer> vocabulary = new HashMap<>();

    private TokenizedPairs(Map<String, List<String>> gts, Map<String, String> res) {
        int n = gts.size();
        qids = new String[n];
        String[] hyps = new String[n];
        String[][] refTexts = new String[n][];
        int i = 0;
        for (Map.Entry<String, List<String>> e : gts.entrySet()) {
            String qid = e.getKey();
            String hyp = res.get(qid);
            if (hyp == null) {
                throw new IllegalArgumentException("qid " + qid + " has references but no candidate");
            }
            List<String> rs = e.getValue();
            if (rs == null || rs.isEmpty()) {
                throw new IllegalArgumentException("qid " + qid + " has no reference (pycocoevalcap needs at least one)");
            }
            qids[i] = qid;
            hyps[i] = hyp;
            refTexts[i] = rs.toArray(new String[0]);
            i++;
        }
        if (res.size() != n) {
            for (String qid : res.keySet()) {
                if (!gts.containsKey(qid)) {
                    throw new IllegalArgumentException("qid " + qid + " has a candidate but no references");
                }
            }
        }
        // 1. split (parallel)
        List<String>[] candParts = splitAll(hyps);
        @SuppressWarnings("unchecked")
        List<String>[][] refParts = new List[n][];
        IntStream.range(0, n).parallel().forEach(k -> {
            refParts[k] = splitAll(refTexts[k]);
        });
        // 2. word and n-gram ids (sequential: shared tables)
        cand = new int[n][];
        refs = new int[n][][];
        candSpace = new int[n][];
        refsSpace = new int[n][][];
        int[][][] candAt = new int[n][][];
        int[][][][] refAt = new int[n][][][];
        LongIntMap[] tables = new LongIntMap[NGrams.MAX_N];
        for (int k = 1; k < NGrams.MAX_N; k++) {
            tables[k] = new LongIntMap(1 << 16);
        }
        for (int k = 0; k < n; k++) {
            cand[k] = ids(candParts[k]);
            candSpace[k] = spaceWords(hyps[k], cand[k]);
            candAt[k] = NGrams.positions(cand[k], tables);
            int r = refTexts[k].length;
            refs[k] = new int[r][];
            refsSpace[k] = new int[r][];
            refAt[k] = new int[r][][];
            for (int j = 0; j < r; j++) {
                refs[k][j] = ids(refParts[k][j]);
                refsSpace[k][j] = spaceWords(refTexts[k][j], refs[k][j]);
                refAt[k][j] = NGrams.positions(refs[k][j], tables);
            }
        }
        ngramCounts = new int[NGrams.MAX_N];
        ngramCounts[0] = vocabulary.size();
        for (int k = 1; k < NGrams.MAX_N; k++) {
            ngramCounts[k] = tables[k].size();
        }
        // 3. distinct n-grams and counts (parallel)
        candNGrams = new NGrams[n];
        refNGrams = new NGrams[n][];
        IntStream.range(0, n).parallel().forEach(k -> {
            candNGrams[k] = NGrams.of(cand[k].length, candAt[k]);
            NGrams[] g = new NGrams[refs[k].length];
            for (int j = 0; j < g.length; j++) {
                g[j] = NGrams.of(refs[k][j].length, refAt[k][j]);
            }
            refNGrams[k] = g;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String>[] splitAll(String[] texts) {
        List<String>[] out = new List[texts.length];
        if (texts.length > 1000) {
            IntStream.range(0, texts.length).parallel().forEach(k -> out[k] = PyText.splitWhitespace(texts[k]));
        } else {
            for (int k = 0; k < texts.length; k++) {
                out[k] = PyText.splitWhitespace(texts[k]);
            }
        }
        return out;
    }

    private int[] ids(List<String> parts) {
        int[] out = new int[parts.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = id(parts.get(k));
        }
        return out;
    }

    /** Tokenized {@code gts} (qid to references) and {@code res} (qid to its one candidate), same qid set. */
    static TokenizedPairs of(Map<String, List<String>> gts, Map<String, String> res) {
        return new TokenizedPairs(gts, res);
    }

    int size() {
        return qids.length;
    }

    private int id(String word) {
        Integer id = vocabulary.get(word);
        if (id == null) {
            id = vocabulary.size();
            vocabulary.put(word, id);
        }
        return id;
    }

    /** {@code s.split(' ')} as ids; the same array as {@code words} when both splits agree (the usual case). */
    private int[] spaceWords(String s, int[] whitespaceWords) {
        if (singleSpaced(s)) {
            return whitespaceWords;
        }
        List<String> parts = PyText.split(s, ' ');
        int[] out = new int[parts.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = id(parts.get(k));
        }
        return out;
    }

    /** Non-empty, words separated by exactly one ' ' and no other whitespace: then split() == split(' '). */
    private static boolean singleSpaced(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        char prev = 'x';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' ? prev == ' ' : PyText.isSpace(c)) {
                return false;
            }
            prev = c;
        }
        return true;
    }
}
