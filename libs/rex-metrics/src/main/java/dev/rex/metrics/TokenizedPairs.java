package dev.rex.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** Number of distinct n-gram ids (size of CIDEr's document-frequency table). */
    final int ngramCount;

    private final Map<String, Integer> vocabulary = new HashMap<>();

    private TokenizedPairs(Map<String, List<String>> gts, Map<String, String> res) {
        int n = gts.size();
        qids = new String[n];
        cand = new int[n][];
        refs = new int[n][][];
        candSpace = new int[n][];
        refsSpace = new int[n][][];
        candNGrams = new NGrams[n];
        refNGrams = new NGrams[n][];
        LongIntMap table = new LongIntMap(1 << 16);
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
            cand[i] = words(hyp);
            candSpace[i] = spaceWords(hyp, cand[i]);
            candNGrams[i] = NGrams.of(cand[i], table);
            refs[i] = new int[rs.size()][];
            refsSpace[i] = new int[rs.size()][];
            refNGrams[i] = new NGrams[rs.size()];
            for (int r = 0; r < rs.size(); r++) {
                refs[i][r] = words(rs.get(r));
                refsSpace[i][r] = spaceWords(rs.get(r), refs[i][r]);
                refNGrams[i][r] = NGrams.of(refs[i][r], table);
            }
            i++;
        }
        if (res.size() != n) {
            for (String qid : res.keySet()) {
                if (!gts.containsKey(qid)) {
                    throw new IllegalArgumentException("qid " + qid + " has a candidate but no references");
                }
            }
        }
        ngramCount = table.size();
    }

    /** Tokenized {@code gts} (qid to references) and {@code res} (qid to its one candidate), same qid set. */
    static TokenizedPairs of(Map<String, List<String>> gts, Map<String, String> res) {
        return new TokenizedPairs(gts, res);
    }

    int size() {
        return qids.length;
    }

    private int id(String word) {
        return vocabulary.computeIfAbsent(word, w -> vocabulary.size());
    }

    private int[] words(String s) {
        List<String> parts = PyText.splitWhitespace(s);
        int[] out = new int[parts.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = id(parts.get(k));
        }
        return out;
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
