package dev.rex.metrics;

/**
 * The n-gram counts of one sentence ({@code precook} of bleu_scorer.py / cider_scorer.py) over corpus-wide
 * n-gram ids: for each order k = 1..4 the distinct k-grams in order of first occurrence (the order Python's
 * dict keeps, which fixes the summation order of CIDEr) with their counts.
 */
final class NGrams {

    static final int MAX_N = 4;

    /** Number of words ({@code len(s.split())}). */
    final int length;
    /** ids[k-1]: distinct k-gram ids, first-occurrence order. */
    final int[][] ids;
    /** counts[k-1][j]: occurrences of ids[k-1][j]. */
    final int[][] counts;

    private NGrams(int length, int[][] ids, int[][] counts) {
        this.length = length;
        this.ids = ids;
        this.counts = counts;
    }

    /** Count of n-gram {@code id} of order {@code k} (1-based), 0 when absent. */
    int count(int k, int id) {
        int[] row = ids[k - 1];
        for (int j = 0; j < row.length; j++) {
            if (row[j] == id) {
                return counts[k - 1][j];
            }
        }
        return 0;
    }

    /**
     * Interns the n-grams of {@code tokens} (word ids) into {@code table}: a k-gram's key is the id of its
     * (k-1)-gram prefix (plus one; 0 for the empty prefix) and its last word, so every n-gram gets a dense id.
     */
    static NGrams of(int[] tokens, LongIntMap table) {
        int len = tokens.length;
        int[][] ids = new int[MAX_N][];
        int[][] counts = new int[MAX_N][];
        int[] prev = null;
        for (int k = 1; k <= MAX_N; k++) {
            int m = Math.max(0, len - k + 1);
            int[] at = new int[m];
            for (int i = 0; i < m; i++) {
                long prefix = k == 1 ? 0L : (long) prev[i] + 1L;
                at[i] = table.intern((prefix << 32) | (tokens[i + k - 1] & 0xffffffffL));
            }
            int[] distinct = new int[m];
            int[] cnt = new int[m];
            int d = 0;
            for (int i = 0; i < m; i++) {
                int j = 0;
                while (j < d && distinct[j] != at[i]) {
                    j++;
                }
                if (j == d) {
                    distinct[d] = at[i];
                    cnt[d] = 1;
                    d++;
                } else {
                    cnt[j]++;
                }
            }
            ids[k - 1] = java.util.Arrays.copyOf(distinct, d);
            counts[k - 1] = java.util.Arrays.copyOf(cnt, d);
            prev = at;
        }
        return new NGrams(len, ids, counts);
    }
}
