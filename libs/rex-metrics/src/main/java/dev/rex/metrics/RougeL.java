package dev.rex.metrics;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * ROUGE-L as pycocoevalcap's {@code Rouge()} computes it: sentences split on single spaces (empty parts
 * count as words), LCS precision and recall against each reference, the maxima taken separately,
 * {@code F = (1 + β²)PR / (R + β²P)} with β = 1.2 (0 when either maximum is 0), mean over items.
 */
public final class RougeL implements CaptionScorer {

    public static final String METRIC = "ROUGE_L";
    private static final double BETA = 1.2;

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
        double[] scores = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> scores[i] = item(p.candSpace[i], p.refsSpace[i]));
        return List.of(new MetricScores(METRIC, n == 0 ? null : NumpySum.mean(scores), p.itemScores(scores)));
    }

    static double item(int[] cand, int[][] refs) {
        double precMax = Double.NEGATIVE_INFINITY;
        double recMax = Double.NEGATIVE_INFINITY;
        for (int[] ref : refs) {
            int lcs = lcs(ref, cand);
            precMax = Math.max(precMax, lcs / (double) cand.length);
            recMax = Math.max(recMax, lcs / (double) ref.length);
        }
        if (precMax != 0 && recMax != 0) {
            double b2 = BETA * BETA;
            return ((1 + b2) * precMax * recMax) / (recMax + b2 * precMax);
        }
        return 0.0;
    }

    /** Length of the longest common subsequence (one rolling row). */
    static int lcs(int[] a, int[] b) {
        if (a.length < b.length) {
            int[] t = a;
            a = b;
            b = t;
        }
        int[] row = new int[b.length + 1];
        for (int i = 1; i <= a.length; i++) {
            int diag = 0;
            for (int j = 1; j <= b.length; j++) {
                int up = row[j];
                row[j] = a[i - 1] == b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]);
                diag = up;
            }
        }
        return row[b.length];
    }
}
