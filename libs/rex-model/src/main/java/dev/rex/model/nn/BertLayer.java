package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.rex.model.RexConfig;

/**
 * One post-LN BERT layer: self-attention and its output sub-layer, then the feed-forward sub-layer with the exact
 * (erf) GELU. Children are named as in HuggingFace ({@code attention.self}, {@code attention.output},
 * {@code intermediate}, {@code output}) so that parameter names match its checkpoints.
 */
public final class BertLayer extends RexBlock {
    private final Attention attention;
    private final Intermediate intermediate;
    private final DenseResidualNorm output;

    public BertLayer(RexConfig c) {
        attention = addChildBlock("attention", new Attention(c));
        intermediate = addChildBlock("intermediate", new Intermediate(c));
        output = addChildBlock("output", new DenseResidualNorm(c.intermediateSize(), c.hiddenSize(),
                c.layerNormEps(), c.hiddenDropoutProb()));
    }

    public NDArray apply(ParameterStore store, NDArray x, NDArray mask, boolean training) {
        NDArray a = attention.apply(store, x, mask, training);
        return output.apply(store, intermediate.apply(store, a, training), a, training);
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

    /** {@code attention}: {@code self} then {@code output} (dense, dropout, residual, LayerNorm). */
    static final class Attention extends RexBlock {
        private final BertSelfAttention self;
        private final DenseResidualNorm output;

        Attention(RexConfig c) {
            self = addChildBlock("self", new BertSelfAttention(c));
            output = addChildBlock("output", new DenseResidualNorm(c.hiddenSize(), c.hiddenSize(),
                    c.layerNormEps(), c.hiddenDropoutProb()));
        }

        NDArray apply(ParameterStore store, NDArray x, NDArray mask, boolean training) {
            return output.apply(store, self.apply(store, x, mask, training), x, training);
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

    /** {@code intermediate}: dense to intermediate_size, exact GELU. */
    static final class Intermediate extends RexBlock {
        private final Dense dense;
        private final long size;

        Intermediate(RexConfig c) {
            size = c.intermediateSize();
            dense = addChildBlock("dense", new Dense(c.hiddenSize(), size, new NormalInitializer(0.02f)));
        }

        NDArray apply(ParameterStore store, NDArray x, boolean training) {
            // DJL's gelu is libtorch's default gelu, the erf form BERT uses (checked by GeluTest)
            return Activation.gelu(dense.apply(store, x, training));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
                                         PairList<String, Object> params) {
            return new NDList(apply(store, in.singletonOrThrow(), training));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] in) {
            Shape s = in[0];
            return new Shape[] {s.slice(0, s.dimension() - 1).add(size)};
        }
    }
}
