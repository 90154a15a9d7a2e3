package dev.rex.metrics;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * CIDEr-D as pycocoevalcap's {@code Cider()} computes it ({@code cider_scorer.py}): n = 1..4, σ = 6.
 *
 * <ul>
 *   <li>document frequency of an n-gram = number of items whose references contain it, over the evaluated
 *       set only; idf weight {@code log(N) − log(max(1, df))} with N the number of items;</li>
 *   <li>tf-idf vectors per order; similarity per reference and order =
 *       {@code Σ_hyp-ngrams min(v_hyp, v_ref)·v_ref / (|v_hyp|·|v_ref|)} (the division skipped when a norm is
 *       0) times {@code e^(−δ²/(2σ²))}, where δ is the difference of the two sentences' <b>bigram</b> counts
 *       (the reference code's "length" counts order-2 entries: kept);</li>
 *   <li>item score = mean over the 4 orders of the sum over references, divided by the number of
 *       references, × 10; corpus = mean of the items.</li>
 * </ul>
 */
public final class CiderD implements CaptionScorer {

    public static final String METRIC = "CIDEr";
    private static final int N = NGrams.MAX_N;
    private static final double SIGMA = 6.0;

    @Override
    public List<String> metrics() {
        return List.of(METRIC);
    }

    @Override
    public List<MetricScores> score(Map<String, List<String>> gts, Map<String, String> res) {
        return score(TokenizedPairs.of(gts, res));
    }

    List<MetricScores> score(TokenizedPairs p) {
        int n = p.size();
        double[][] df = documentFrequency(p);
        double refLen = Math.log((double) n);
        // the weight (ref_len - log(max(1, df))) of each n-gram, computed once instead of per occurrence
        double[][] idf = new double[N][];
        for (int k = 0; k < N; k++) {
            idf[k] = new double[df[k].length];
            for (int id = 0; id < df[k].length; id++) {
                idf[k][id] = refLen - Math.log(Math.max(1.0, df[k][id]));
            }
        }
        double[] scores = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> scores[i] = item(p, i, idf));
        return List.of(new MetricScores(METRIC, n == 0 ? null : NumpySum.mean(scores), p.itemScores(scores)));
    }

    /** df per order and n-gram id: the number of items whose references contain the n-gram. */
    private static double[][] documentFrequency(TokenizedPairs p) {
        double[][] df = new double[N][];
        IntStream.range(0, N).parallel().forEach(k -> {
            df[k] = new double[p.ngramCounts[k]];
            int[] seenIn = new int[p.ngramCounts[k]];
            java.util.Arrays.fill(seenIn, -1);
            for (int i = 0; i < p.size(); i++) {
                for (NGrams ref : p.refNGrams[i]) {
                    for (int id : ref.ids[k]) {
                        if (seenIn[id] != i) {
                            seenIn[id] = i;
                            df[k][id] += 1;
                        }
                    }
                }
            }
        });
        return df;
    }

    private static double item(TokenizedPairs p, int i, double[][] idf) {
        NGrams hyp = p.candNGrams[i];
        double[][] vecHyp = new double[N][];
        double[] normHyp = norms(hyp, idf, vecHyp);
        int lengthHyp = bigramCount(hyp);
        double[] score = new double[N];
        NGrams[] refs = p.refNGrams[i];
        for (NGrams ref : refs) {
            double[][] vecRef = new double[N][];
            double[] normRef = norms(ref, idf, vecRef);
            double delta = (double) (lengthHyp - bigramCount(ref));
            double penalty = Math.pow(Math.E, -(delta * delta) / (2 * SIGMA * SIGMA));
            for (int k = 0; k < N; k++) {
                double val = 0.0;
                int[] ids = hyp.ids[k];
                for (int j = 0; j < ids.length; j++) {
                    double vh = vecHyp[k][j];
                    double vr = refValue(ref, k, ids[j], vecRef[k]);
                    val += Math.min(vh, vr) * vr;
                }
                if (normHyp[k] != 0 && normRef[k] != 0) {
                    val /= normHyp[k] * normRef[k];
                }
                val *= penalty;
                score[k] += val;
            }
        }
        double avg = NumpySum.mean(score);
        avg /= refs.length;
        avg *= 10.0;
        return avg;
    }

    /** tf-idf values (in first-occurrence order) into {@code vec}; returns the norm of each order. */
    private static double[] norms(NGrams g, double[][] idf, double[][] vec) {
        double[] norm = new double[N];
        for (int k = 0; k < N; k++) {
            int[] ids = g.ids[k];
            double[] v = new double[ids.length];
            double sq = 0.0;
            for (int j = 0; j < ids.length; j++) {
                v[j] = (double) g.counts[k][j] * idf[k][ids[j]];
                sq += v[j] * v[j];
            }
            vec[k] = v;
            norm[k] = Math.sqrt(sq);
        }
        return norm;
    }

    private static double refValue(NGrams ref, int k, int id, double[] vecRef) {
        int[] ids = ref.ids[k];
        for (int j = 0; j < ids.length; j++) {
            if (ids[j] == id) {
                return vecRef[j];
            }
        }
        return 0.0;
    }

    /** The reference code's "length": the summed counts of order-2 n-grams. */
    private static int bigramCount(NGrams g) {
        int s = 0;
        for (int c : g.counts[1]) {
            s += c;
        }
        return s;
    }
}
