package dev.rex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The three losses of REX ({@code model/loss.py}) on probabilities, as DJL NDArrays. Every probability is clamped
 * to [1e-16, 1] before the log (so a zero probability gives a large but finite loss and no gradient), as the
 * original does. Targets are given as indices instead of the original's one-hot rows: −Σ onehot·log p equals
 * −log p[target], and a padding step (an all-zero row in the original) has mask 0 here.
 */
public final class RexLosses {
    /** The original's {@code epsilon}. */
    public static final float EPSILON = 1e-16f;

    private RexLosses() {
    }

    /**
     * Masked cross-entropy on the explanation ({@code cross_entropy}): per step −log p[target], masked to the words
     * and the end token, summed over steps and divided by the number of masked steps (at least 1) per sample, then
     * averaged over the batch.
     *
     * @param wordProbs [B,T,V+1] mixed word probabilities
     * @param targets   [B,T] word indices (int32 or int64)
     * @param mask      [B,T] 1 on the words and the end token
     */
    public static NDArray explanation(NDArray wordProbs, NDArray targets, NDArray mask) {
        NDArray picked = wordProbs.gather(targets.toType(DataType.INT64, false).expandDims(-1), -1).squeeze(-1);
        NDArray nll = picked.clip(EPSILON, 1f).log().neg();
        NDArray m = mask.toType(nll.getDataType(), false);
        NDArray perSample = nll.mul(m).sum(new int[]{-1}).div(m.sum(new int[]{-1}).maximum(1f));
        return perSample.mean();
    }

    /**
     * Cross-entropy on the answer ({@code ans_cross_entropy}): −log p[answer], averaged over the batch.
     *
     * @param answerProbs [B,A] softmax output of the answer head
     * @param answers     [B] answer indices
     */
    public static NDArray answer(NDArray answerProbs, NDArray answers) {
        NDArray picked = answerProbs.gather(answers.toType(DataType.INT64, false).expandDims(-1), -1).squeeze(-1);
        return picked.clip(EPSILON, 1f).log().neg().mean();
    }

    /**
     * Class-balanced binary cross-entropy on the structure gate ({@code structure_bce}). Per sample,
     * {@code neg_weight = mean(target)} and {@code pos_weight = 1 − neg_weight}; the loss is
     * −Σ_t [pos·y·log g + neg·(1−y)·log(1−g)], averaged over the batch. Every step counts (no mask).
     *
     * @param gate   [B,T] gate values in (0,1)
     * @param target [B,T] 0 at {@code #k} words, 1 elsewhere
     */
    public static NDArray gate(NDArray gate, NDArray target) {
        NDArray y = target.toType(gate.getDataType(), false);
        NDArray negWeight = y.mean(new int[]{-1}, true);
        NDArray posWeight = negWeight.neg().add(1f);
        NDArray logG = gate.clip(EPSILON, 1f).log();
        NDArray log1mG = gate.neg().add(1f).clip(EPSILON, 1f).log();
        NDArray perStep = posWeight.mul(y).mul(logG).add(negWeight.mul(y.neg().add(1f)).mul(log1mG));
        return perStep.sum(new int[]{-1}).neg().mean();
    }
}
