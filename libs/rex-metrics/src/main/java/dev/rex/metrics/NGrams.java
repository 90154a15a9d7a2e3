package dev.rex.metrics;

/**
 * The n-gram counts of one sentence ({@code precook} of bleu_scorer.py / cider_scorer.py) over corpus-wide
 * n-gram ids (one id space per order): for each order k = 1..4 the distinct k-grams in order of first occurrence (the order Python's
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
     * Interns the n-grams of {@code tokens} (word ids): a unigram's id is its word id; a k-gram's id (k ≥ 2)
     * comes from {@code tables[k-1]}, keyed by the id of its (k-1)-gram prefix and its last word, so every order
     * has its own dense id space. Not thread-safe (the tables are shared): call sequentially.
     *
     * @return per order, the n-gram id at each position
     */
    static int[][] positions(int[] tokens, LongIntMap[] tables) {
        int len = tokens.length;
        int[][] at = new int[MAX_N][];
        at[0] = tokens;
        for (int k = 2; k <= MAX_N; k++) {
            int m = Math.max(0, len - k + 1);
            int[] cur = new int[m];
            int[] prev = at[k - 2];
            LongIntMap table = tables[k - 1];
            for (int i = 0; i < m; i++) {
                cur[i] = table.intern(((long) prev[i] << 32) | (tokens[i + k - 1] & 0xffffffffL));
            }
            at[k - 1] = cur;
        }
        return at;
    }

    /** Distinct n-grams per order with counts, from {@link #positions} (thread-safe). */
    static NGrams of(int length, int[][] at) {
        int[][] ids = new int[MAX_N][];
        int[][] counts = new int[MAX_N][];
        for (int k = 0; k < MAX_N; k++) {
            int[] row = at[k];
            int m = row.length;
            int[] distinct = new int[m];
            int[] cnt = new int[m];
            int d = 0;
            for (int i = 0; i < m; i++) {
                int j = 0;
                while (j < d && distinct[j] != row[i]) {
                    j++;
                }
                if (j == d) {
                    distinct[d] = row[i];
                    cnt[d] = 1;
                    d++;
                } else {
                    cnt[j]++;
                }
            }
            ids[k] = d == m ? distinct : java.util.Arrays.copyOf(distinct, d);
            counts[k] = d == m ? cnt : java.util.Arrays.copyOf(cnt, d);
        }
        return new NGrams(length, ids, counts);
    }
}
