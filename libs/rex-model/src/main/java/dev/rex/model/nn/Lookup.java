package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * An embedding table {@code weight [count, dim]} indexed by int64 ids. With {@code paddingIdx >= 0} it behaves like
 * PyTorch's {@code padding_idx}: the padding row's value is used as stored, but it receives no gradient.
 */
public final class Lookup extends RexBlock {
    private final long count;
    private final long dim;
    private final int paddingIdx;
    private final Parameter weight;

    public Lookup(long count, long dim, Initializer init, int paddingIdx) {
        this.count = count;
        this.dim = dim;
        this.paddingIdx = paddingIdx;
        this.weight = param("weight", new Shape(count, dim), init, true);
    }

    public NDArray apply(ParameterStore store, NDArray ids, boolean training) {
        NDArray table = value(store, weight, ids, training);
        NDArray rows = table.get(ids);
        if (paddingIdx >= 0 && training) {
            // same value, but the padding row's contribution is cut from the graph
            NDArray isPad = ids.eq(paddingIdx).expandDims(-1).broadcast(rows.getShape());
            rows = NDArrays.where(isPad, rows.stopGradient(), rows);
        }
        return rows;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dim)};
    }

    public long count() {
        return count;
    }
}
