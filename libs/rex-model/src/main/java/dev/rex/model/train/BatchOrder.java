package dev.rex.model.train;

import java.util.Random;

/**
 * The order of the training samples in each epoch, as {@code DataLoader(shuffle=True)} with the last partial batch
 * skipped ({@code if len(img) < batch_size: continue}). The permutation of epoch {@code e} depends only on
 * (seed, e), so a run resumed at epoch e sees the same batches as one that never stopped.
 */
public final class BatchOrder {
    private BatchOrder() {
    }

    /** Full batches per epoch: the partial remainder is skipped. */
    public static int stepsPerEpoch(int samples, int batch) {
        return samples / batch;
    }

    /** A seeded Fisher–Yates permutation of 0..n-1 for the given epoch. */
    public static int[] permutation(int n, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random r = new Random(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
