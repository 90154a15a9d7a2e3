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
     * The n-gram id at each position of every sentence ({@code at[s][k-1][i]}): a unigram's id is its word id;
     * a k-gram (k ≥ 2) is keyed by its (k-1)-gram prefix id and its last word. Keys are split by hash over
     * {@code P} partitions, each interned by its own thread into its own table (id = local · P + partition),
     * so the orders are numbered in parallel without locks; order k starts when order k-1 is complete.
     *
     * @return the id-space size per order (entry 0, the vocabulary size, is left for the caller)
     */
    static int[] positionsAll(int[][] sentences, int[][][] at, boolean parallel) {
        int parts = Math.max(1, Integer.highestOneBit(
                Math.min(8, java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1)));
        if (!parallel || sentences.length < 2000) {
            parts = 1;
        }
        for (int s = 0; s < sentences.length; s++) {
            at[s] = new int[MAX_N][];
            at[s][0] = sentences[s];
        }
        int[] sizes = new int[MAX_N];
        for (int k = 2; k <= MAX_N; k++) {
            int order = k;
            int p = parts;
            LongIntMap[] tables = new LongIntMap[p];
            for (int s = 0; s < sentences.length; s++) {
                at[s][order - 1] = new int[Math.max(0, sentences[s].length - order + 1)];
            }
            java.util.stream.IntStream.range(0, p).parallel().forEach(part -> {
                LongIntMap table = new LongIntMap(1 << 16);
                for (int s = 0; s < sentences.length; s++) {
                    int[] tokens = sentences[s];
                    int[] prev = at[s][order - 2];
                    int[] cur = at[s][order - 1];
                    for (int i = 0; i < cur.length; i++) {
                        long key = ((long) prev[i] << 32) | (tokens[i + order - 1] & 0xffffffffL);
                        if (p == 1) {
                            cur[i] = table.intern(key);
                        } else if (partition(key, p) == part) {
                            cur[i] = table.intern(key) * p + part;
                        }
                    }
                }
                tables[part] = table;
            });
            int max = 0;
            for (LongIntMap t : tables) {
                max = Math.max(max, t.size());
            }
            sizes[k - 1] = max * p;
        }
        return sizes;
    }

    private static int partition(long key, int parts) {
        long h = key * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 40) & (parts - 1);
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
