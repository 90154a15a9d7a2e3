package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.rex.model.RexConfig;

/**
 * BERT multi-head scaled dot-product self-attention ({@code attention.self}: query, key, value). The mask is
 * additive and already broadcastable to [B, heads, T, T] (see {@link BertEncoder#additiveMask}).
 *
 * <p>Input: hidden [B, T, H], mask [B, 1, 1, T]. Output: context [B, T, H] (before the output projection).
 */
public final class BertSelfAttention extends RexBlock {
    private final Dense query;
    private final Dense key;
    private final Dense valueProj;
    private final int heads;
    private final int headSize;
    private final float dropout;

    public BertSelfAttention(RexConfig c) {
        NormalInitializer init = new NormalInitializer(0.02f);
        query = addChildBlock("query", new Dense(c.hiddenSize(), c.hiddenSize(), init));
        key = addChildBlock("key", new Dense(c.hiddenSize(), c.hiddenSize(), init));
        valueProj = addChildBlock("value", new Dense(c.hiddenSize(), c.hiddenSize(), init));
        heads = c.numAttentionHeads();
        headSize = c.headSize();
        dropout = (float) c.attentionProbsDropoutProb();
    }

    /** [B, T, H] to [B, heads, T, headSize]. */
    private NDArray split(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, headSize).transpose(0, 2, 1, 3);
    }

    public NDArray apply(ParameterStore store, NDArray x, NDArray mask, boolean training) {
        NDArray q = split(query.apply(store, x, training));
        NDArray k = split(key.apply(store, x, training));
        NDArray v = split(valueProj.apply(store, x, training));
        // a libtorch-owned divisor, not div(Number): see RexBlock.constant (the cause of NaN gradients in q and k)
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(constant(q, Math.sqrt(headSize))).add(mask);
        NDArray probs = Dropout.dropout(scores.softmax(-1), dropout, training).head();
        NDArray ctx = probs.matMul(v).transpose(0, 2, 1, 3);
        Shape s = x.getShape();
        return ctx.reshape(s.get(0), s.get(1), (long) heads * headSize);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, in.get(0), in.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0]};
    }
}
