package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * REX's own GRU cell ({@code bert_exp.py}, class {@code GRU}; not {@code torch.nn.GRU}): the update gate z, the
 * reset gate r and the candidate each come from a Linear over the input plus a Linear over the state;
 * {@code h' = (1 - z) * h + z * tanh(memory_x(x) + memory_h(r * h))}.
 *
 * <p>Input: x [B, in], state [B, H]. Output: the new state [B, H].
 */
public final class RexGru extends RexBlock {
    private final Dense updateX;
    private final Dense updateH;
    private final Dense resetX;
    private final Dense resetH;
    private final Dense memoryX;
    private final Dense memoryH;
    private final long hidden;

    public RexGru(long in, long hidden) {
        this.hidden = hidden;
        updateX = addChildBlock("update_x", Dense.torchDefault(in, hidden));
        updateH = addChildBlock("update_h", Dense.torchDefault(hidden, hidden));
        resetX = addChildBlock("reset_x", Dense.torchDefault(in, hidden));
        resetH = addChildBlock("reset_h", Dense.torchDefault(hidden, hidden));
        memoryX = addChildBlock("memory_x", Dense.torchDefault(in, hidden));
        memoryH = addChildBlock("memory_h", Dense.torchDefault(hidden, hidden));
    }

    public NDArray apply(ParameterStore store, NDArray x, NDArray h, boolean training) {
        NDArray z = Activation.sigmoid(updateX.apply(store, x, training).add(updateH.apply(store, h, training)));
        NDArray r = Activation.sigmoid(resetX.apply(store, x, training).add(resetH.apply(store, h, training)));
        NDArray mem = Activation.tanh(memoryX.apply(store, x, training)
                .add(memoryH.apply(store, r.mul(h), training)));
        return z.neg().add(1f).mul(h).add(z.mul(mem));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, in.get(0), in.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), hidden)};
    }
}
