package dev.rex.metrics;

/**
 * Sums and means in the order NumPy computes them ({@code np.mean} over a float64 array uses pairwise summation
 * with blocks of 8 and 128), so corpus means agree with pycocoevalcap to the last bits rather than drifting on
 * 100,000 items.
 */
public final class NumpySum {

    private static final int BLOCK = 128;

    private NumpySum() {
    }

    /** {@code np.mean(values)}; NaN for an empty array, like NumPy (with a warning there). */
    public static double mean(double[] values) {
        return sum(values, 0, values.length) / values.length;
    }

    /** {@code np.add.reduce(values[from:to])}. */
    public static double sum(double[] a, int from, int to) {
        int n = to - from;
        if (n < 8) {
            double res = 0.0;
            for (int i = from; i < to; i++) {
                res += a[i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = from + 8;
            int end = from + (n - n % 8);
            for (; i < end; i += 8) {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < to; i++) {
                res += a[i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(a, from, from + n2) + sum(a, from + n2, to);
    }
}
