package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.rex.model.RexConfig;

import java.util.ArrayList;
import java.util.List;

/** The stack of {@code num_hidden_layers} BERT layers, children named {@code layer.0}, {@code layer.1}, … */
public final class BertEncoder extends RexBlock {
    /** What a masked key adds to the attention scores, as in the original ({@code (1 - mask) * -10000}). */
    public static final float MASKED = -10000f;

    private final List<BertLayer> layers = new ArrayList<>();

    public BertEncoder(RexConfig c) {
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            layers.add(addChildBlock("layer." + i, new BertLayer(c)));
        }
    }

    /**
     * The additive attention mask over [question tokens; regions]: the text mask [B, L] (1 = token, 0 = padding)
     * followed by ones for the {@code regions} visual tokens, mapped to {@code (1 - m) * -10000}, shaped
     * [B, 1, 1, L + R] to broadcast over heads and query positions.
     */
    public static NDArray additiveMask(NDArray textMask, long regions) {
        long batch = textMask.getShape().get(0);
        NDArray m = textMask.toType(DataType.FLOAT32, false)
                .concat(textMask.getManager().ones(new Shape(batch, regions)), 1);
        return m.neg().add(1f).mul(MASKED).reshape(batch, 1, 1, m.getShape().get(1));
    }

    public NDArray apply(ParameterStore store, NDArray x, NDArray mask, boolean training) {
        NDArray h = x;
        for (BertLayer layer : layers) {
            h = layer.apply(store, h, mask, training);
        }
        return h;
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
