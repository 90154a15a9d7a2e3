package dev.rex.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * BLEU-1..4 as pycocoevalcap's {@code Bleu(4)} computes it ({@code bleu_scorer.py}, option {@code closest}).
 *
 * <ul>
 *   <li>per item: n-gram counts clipped by the maximum count over its references; the effective reference
 *       length is the one closest to the candidate length, ties to the shorter;</li>
 *   <li>corpus: counts and lengths summed over items, then
 *       {@code Bleu_n = (Π_{k≤n} (correct_k + 1e-15) / (guess_k + 1e-9))^(1/n)} times the brevity penalty
 *       {@code exp(1 − 1/ratio)} when {@code ratio = (testlen + 1e-15) / (reflen + 1e-9) < 1};</li>
 *   <li>per item: the same formula on the item's own counts and lengths (so a two-word candidate gets
 *       Bleu_3 = (1e-15/1e-9)^(1/3) = 0.01, not 0).</li>
 * </ul>
 */
public final class Bleu implements CaptionScorer {

    public static final List<String> METRICS = List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4");
    private static final int N = 4;
    private static final double TINY = 1e-15;
    private static final double SMALL = 1e-9;

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public List<MetricScores> score(Map<String, List<String>> gts, Map<String, String> res) {
        return score(TokenizedPairs.of(gts, res));
    }

    List<MetricScores> score(TokenizedPairs p) {
        int n = p.size();
        // comps[i] = {testlen, reflen, guess1..4, correct1..4}
        long[][] comps = new long[n][];
        IntStream.range(0, n).parallel().forEach(i -> comps[i] = cook(p, i));
        long testlen = 0;
        long reflen = 0;
        long[] guess = new long[N];
        long[] correct = new long[N];
        double[][] perItem = new double[N][n];
        for (int i = 0; i < n; i++) {
            long[] c = comps[i];
            testlen += c[0];
            reflen += c[1];
            for (int k = 0; k < N; k++) {
                guess[k] += c[2 + k];
                correct[k] += c[2 + N + k];
            }
            double[] item = bleus(c[0], c[1], java.util.Arrays.copyOfRange(c, 2, 2 + N),
                    java.util.Arrays.copyOfRange(c, 2 + N, 2 + 2 * N));
            for (int k = 0; k < N; k++) {
                perItem[k][i] = item[k];
            }
        }
        double[] corpus = n == 0 ? null : bleus(testlen, reflen, guess, correct);
        List<MetricScores> out = new ArrayList<>(N);
        for (int k = 0; k < N; k++) {
            out.add(new MetricScores(METRICS.get(k), corpus == null ? null : corpus[k], p.itemScores(perItem[k])));
        }
        return out;
    }

    /** cook_test: lengths, guesses and clipped matches of item i. */
    private static long[] cook(TokenizedPairs p, int i) {
        NGrams hyp = p.candNGrams[i];
        NGrams[] refs = p.refNGrams[i];
        long[] c = new long[2 + 2 * N];
        int testlen = hyp.length;
        c[0] = testlen;
        c[1] = closestRefLength(refs, testlen);
        for (int k = 1; k <= N; k++) {
            c[2 + k - 1] = Math.max(0, testlen - k + 1);
            int[] ids = hyp.ids[k - 1];
            long matched = 0;
            for (int j = 0; j < ids.length; j++) {
                int maxRef = 0;
                for (NGrams r : refs) {
                    maxRef = Math.max(maxRef, r.count(k, ids[j]));
                }
                matched += Math.min(maxRef, hyp.counts[k - 1][j]);
            }
            c[2 + N + k - 1] = matched;
        }
        return c;
    }

    /** {@code min((abs(l - testlen), l) for l in reflens)[1]}: closest length, ties to the shorter one. */
    static int closestRefLength(NGrams[] refs, int testlen) {
        int best = -1;
        for (NGrams r : refs) {
            int l = r.length;
            if (best < 0 || Math.abs(l - testlen) < Math.abs(best - testlen)
                    || (Math.abs(l - testlen) == Math.abs(best - testlen) && l < best)) {
                best = l;
            }
        }
        return best;
    }

    private static double[] bleus(long testlen, long reflen, long[] guess, long[] correct) {
        double[] out = new double[N];
        double bleu = 1.0;
        for (int k = 0; k < N; k++) {
            bleu *= ((double) correct[k] + TINY) / ((double) guess[k] + SMALL);
            out[k] = Math.pow(bleu, 1.0 / (k + 1.0));
        }
        double ratio = (testlen + TINY) / (reflen + SMALL);
        if (ratio < 1) {
            double bp = Math.exp(1 - 1 / ratio);
            for (int k = 0; k < N; k++) {
                out[k] *= bp;
            }
        }
        return out;
    }
}
