package dev.rex.model.train;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
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
        List<NDArray> gradients = new ArrayList<>();
        try {
            for (NamedParameter p : parameters) {
                if (p.array().hasGradient()) gradients.add(p.array().getGradient());
            }
            return globalNorm(gradients);
        } finally {
            gradients.forEach(NDArray::close);
        }
    }

    /**
     * The L2 norm over all the given gradients as {@code clip_grad_norm_} computes it: one float32 norm per tensor,
     * then the norm of those (summed here in double). One float32 norm over a million values at once drifts by ~3e-5
     * relative, more than the reference training allows.
     */
    public static double globalNorm(Iterable<NDArray> gradients) {
        double sumSquares = 0;
        for (NDArray g : gradients) {
            try (NDArray n = g.norm()) {
                double v = n.getFloat();
                sumSquares += v * v;
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
