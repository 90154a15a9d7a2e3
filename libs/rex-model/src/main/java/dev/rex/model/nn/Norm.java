package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Layer normalisation over the last axis with HuggingFace's parameter names ({@code weight}, {@code bias}) and
 * the config's epsilon (BERT: 1e-12).
 */
public final class Norm extends RexBlock {
    private final long size;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public Norm(long size, double eps) {
        this.size = size;
        this.eps = (float) eps;
        this.weight = param("weight", new Shape(size), new ConstantInitializer(1f), true);
        this.bias = param("bias", new Shape(size), new ConstantInitializer(0f), true);
    }

    public NDArray apply(ParameterStore store, NDArray x, boolean training) {
        return LayerNorm.layerNorm(x, new Shape(size), value(store, weight, x, training),
                value(store, bias, x, training), eps).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
