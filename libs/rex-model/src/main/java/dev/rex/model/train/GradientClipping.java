package dev.rex.model.train;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * {@code torch.nn.utils.clip_grad_norm_} as main.py uses it: the global L2 norm over every gradient; when it exceeds
 * {@code maxNorm} all gradients are scaled by {@code maxNorm/(norm+1e-6)}. DJL's {@code optClipGrad} clips each
 * element instead, which is a different method. The scale is returned and applied inside the optimizer step.
 */
public final class GradientClipping {
    /** clip of main.py. */
    public static final double DEFAULT_MAX_NORM = 0.1;

    private GradientClipping() {
    }

    /** The global gradient norm of the parameters that have a gradient. */
    public static double globalNorm(List<NamedParameter> parameters) {
        double sumSquares = 0;
        for (NamedParameter p : parameters) {
            if (!p.array().hasGradient()) continue;
            try (NDArray g = p.array().getGradient(); NDArray sq = g.square(); NDArray s = sq.sum()) {
                sumSquares += s.getFloat();
            }
        }
        return Math.sqrt(sumSquares);
    }

    /** The factor the gradients are multiplied by: min(1, maxNorm/(norm+1e-6)); 1 when clipping is off (≤ 0). */
    public static double scale(double norm, double maxNorm) {
        if (maxNorm <= 0) return 1.0;
        return Math.min(1.0, maxNorm / (norm + 1e-6));
    }
}
