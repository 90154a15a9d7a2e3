package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.rex.model.RexConfig;

/**
 * VisualBERT's input layer (HuggingFace {@code VisualBertEmbeddings}, no image-text alignment): text tokens get
 * word + token-type + absolute-position embeddings; each region gets {@code visual_projection(feature)} + visual
 * token type 1 + visual position 0. The two sequences are concatenated and share one LayerNorm and dropout.
 *
 * <p>Input: ids, token types [B, L] int64 and region features [B, R, 2048]. Output: [B, L + R, hidden].
 */
public final class VisualBertEmbeddings extends RexBlock {
    private final Lookup wordEmbeddings;
    private final Lookup positionEmbeddings;
    private final Lookup tokenTypeEmbeddings;
    private final Lookup visualTokenTypeEmbeddings;
    private final Lookup visualPositionEmbeddings;
    private final Dense visualProjection;
    private final Norm layerNorm;
    private final float dropout;
    private final long hidden;

    public VisualBertEmbeddings(RexConfig c) {
        NormalInitializer init = new NormalInitializer(0.02f);
        hidden = c.hiddenSize();
        wordEmbeddings = addChildBlock("word_embeddings", new Lookup(c.vocabSize(), hidden, init, -1));
        positionEmbeddings = addChildBlock("position_embeddings",
                new Lookup(c.maxPositionEmbeddings(), hidden, init, -1));
        tokenTypeEmbeddings = addChildBlock("token_type_embeddings", new Lookup(c.typeVocabSize(), hidden, init, -1));
        visualTokenTypeEmbeddings = addChildBlock("visual_token_type_embeddings",
                new Lookup(c.typeVocabSize(), hidden, init, -1));
        visualPositionEmbeddings = addChildBlock("visual_position_embeddings",
                new Lookup(c.maxPositionEmbeddings(), hidden, init, -1));
        visualProjection = addChildBlock("visual_projection", new Dense(c.visualEmbeddingDim(), hidden, init));
        layerNorm = addChildBlock("LayerNorm", new Norm(hidden, c.layerNormEps()));
        dropout = (float) c.hiddenDropoutProb();
    }

    public NDArray apply(ParameterStore store, NDArray ids, NDArray tokenType, NDArray img, boolean training) {
        NDManager m = ids.getManager();
        long len = ids.getShape().get(1);
        if (len > positionEmbeddings.count()) {
            throw new IllegalArgumentException("question of " + len + " tokens exceeds max_position_embeddings "
                    + positionEmbeddings.count());
        }
        NDArray positions = m.arange(0, len, 1, DataType.INT64).expandDims(0);
        NDArray text = wordEmbeddings.apply(store, ids, training)
                .add(tokenTypeEmbeddings.apply(store, tokenType, training))
                .add(positionEmbeddings.apply(store, positions, training));

        NDArray one = m.ones(new Shape(1, 1), DataType.INT64);
        NDArray zero = m.zeros(new Shape(1, 1), DataType.INT64);
        NDArray visual = visualProjection.apply(store, img, training)
                .add(visualTokenTypeEmbeddings.apply(store, one, training))
                .add(visualPositionEmbeddings.apply(store, zero, training));

        NDArray all = text.concat(visual, 1);
        return Dropout.dropout(layerNorm.apply(store, all, training), dropout, training).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(apply(store, in.get(0), in.get(1), in.get(2), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), in[0].get(1) + in[2].get(1), hidden)};
    }
}
