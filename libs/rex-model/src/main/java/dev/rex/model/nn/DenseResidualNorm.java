package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The post-LN sub-layer exit of BERT ({@code attention.output} and {@code output}):
 * {@code LayerNorm(dropout(dense(x)) + residual)}.
 */
public final class DenseResidualNorm extends RexBlock {
    private final Dense dense;
    private final Norm layerNorm;
    private final float dropout;
    private final long out;

    public DenseResidualNorm(long in, long out, double eps, double dropout) {
        this.dense = addChildBlock("dense", new Dense(in, out, new NormalInitializer(0.02f)));
        this.layerNorm = addChildBlock("LayerNorm", new Norm(out, eps));
        this.dropout = (float) dropout;
        this.out = out;
    }

    public NDArray apply(ParameterStore store, NDArray x, NDArray residual, boolean training) {
        NDArray y = Dropout.dropout(dense.apply(store, x, training), dropout, training).head();
        return layerNorm.apply(store, y.add(residual), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, in.get(0), in.get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape s = in[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
    }
}
