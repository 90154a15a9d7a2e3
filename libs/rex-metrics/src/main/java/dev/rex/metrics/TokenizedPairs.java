package dev.rex.metrics;

import dev.rex.gqa.text.PyText;

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

    private final WordTable words = new WordTable(1 << 14);

    private TokenizedPairs(Map<String, List<String>> gts, Map<String, String> res, boolean parallel) {
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
        // 1. word ids ({@code split()} and, where it differs, {@code split(' ')}), no substrings per occurrence.
        // Item ranges are numbered in parallel with their own tables, then merged into one numbering.
        cand = new int[n][];
        refs = new int[n][][];
        candSpace = new int[n][];
        refsSpace = new int[n][][];
        int parts = !parallel || n < 4000 ? 1
                : Math.min(8, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
        WordTable[] local = new WordTable[parts];
        IntStream.range(0, parts).parallel().forEach(r -> {
            WordTable table = parts == 1 ? words : new WordTable(1 << 12);
            for (int k = from(r, parts, n); k < from(r + 1, parts, n); k++) {
                cand[k] = words(table, hyps[k]);
                candSpace[k] = spaceWords(table, hyps[k], cand[k]);
                int nr = refTexts[k].length;
                refs[k] = new int[nr][];
                refsSpace[k] = new int[nr][];
                for (int j = 0; j < nr; j++) {
                    refs[k][j] = words(table, refTexts[k][j]);
                    refsSpace[k][j] = spaceWords(table, refTexts[k][j], refs[k][j]);
                }
            }
            local[r] = table;
        });
        if (parts > 1) {
            // ranges in order, local ids in first-appearance order: the same numbering as one sequential pass
            int[][] toGlobal = new int[parts][];
            for (int r = 0; r < parts; r++) {
                String[] byId = local[r].wordsById();
                toGlobal[r] = new int[byId.length];
                for (int id = 0; id < byId.length; id++) {
                    toGlobal[r][id] = words.id(byId[id], 0, byId[id].length());
                }
            }
            IntStream.range(0, parts).parallel().forEach(r -> {
                int[] map = toGlobal[r];
                for (int k = from(r, parts, n); k < from(r + 1, parts, n); k++) {
                    renumber(cand[k], candSpace[k], map);
                    for (int j = 0; j < refs[k].length; j++) {
                        renumber(refs[k][j], refsSpace[k][j], map);
                    }
                }
            });
        }
        int total = n;
        for (int k = 0; k < n; k++) {
            total += refs[k].length;
        }
        // 2. n-gram ids of every sentence (candidates and references), partitioned over threads
        int[][] sentences = new int[total][];
        int t = 0;
        for (int k = 0; k < n; k++) {
            sentences[t++] = cand[k];
            for (int[] ref : refs[k]) {
                sentences[t++] = ref;
            }
        }
        int[][][] at = new int[total][][];
        ngramCounts = NGrams.positionsAll(sentences, at, parallel);
        ngramCounts[0] = words.size();
        int[][][] candAt = new int[n][][];
        int[][][][] refAt = new int[n][][][];
        t = 0;
        for (int k = 0; k < n; k++) {
            candAt[k] = at[t++];
            refAt[k] = new int[refs[k].length][][];
            for (int j = 0; j < refs[k].length; j++) {
                refAt[k][j] = at[t++];
            }
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

    /** Tokenized {@code gts} (qid to references) and {@code res} (qid to its one candidate), same qid set. */
    static TokenizedPairs of(Map<String, List<String>> gts, Map<String, String> res) {
        return new TokenizedPairs(gts, res, true);
    }

    /** Word and n-gram numbering on one thread (tests compare the parallel numbering against it). */
    static TokenizedPairs sequential(Map<String, List<String>> gts, Map<String, String> res) {
        return new TokenizedPairs(gts, res, false);
    }

    int size() {
        return qids.length;
    }

    private ItemScores.Index index;

    /** Per-item scores in qid order, sharing one qid index across the metrics of this run. */
    synchronized Map<String, Double> itemScores(double[] values) {
        if (index == null) {
            index = new ItemScores.Index(qids);
        }
        return new ItemScores(index, values);
    }

    private static int from(int part, int parts, int n) {
        return (int) ((long) part * n / parts);
    }

    /** Local ids to global ones, in place; the split(' ') array is often the same array (renumber once). */
    private static void renumber(int[] ids, int[] spaceIds, int[] map) {
        for (int i = 0; i < ids.length; i++) {
            ids[i] = map[ids[i]];
        }
        if (spaceIds != ids) {
            for (int i = 0; i < spaceIds.length; i++) {
                spaceIds[i] = map[spaceIds[i]];
            }
        }
    }

    /** {@code s.split()} as word ids. */
    private static int[] words(WordTable words, String s) {
        int n = s.length();
        int[] buf = new int[8];
        int count = 0;
        int i = 0;
        while (i < n) {
            while (i < n && PyText.isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !PyText.isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (count == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, count * 2);
                }
                buf[count++] = words.id(s, start, i);
            }
        }
        return java.util.Arrays.copyOf(buf, count);
    }

    /** {@code s.split(' ')} as ids; the same array as {@code words} when both splits agree (the usual case). */
    private static int[] spaceWords(WordTable words, String s, int[] whitespaceWords) {
        if (singleSpaced(s)) {
            return whitespaceWords;
        }
        List<String> parts = PyText.split(s, ' ');
        int[] out = new int[parts.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = words.id(parts.get(k), 0, parts.get(k).length());
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
