package dev.rex.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rex.model.nn.RexNetwork;

/**
 * The one place that builds the REX network, for training and for inference alike: the block tree from a
 * {@link RexConfig}, inside a DJL {@link Model} on the PyTorch engine, with every parameter initialised
 * (HuggingFace's N(0, 0.02) for the backbone, PyTorch's defaults for the decoder) and trainable except the fixed
 * structure mapping. Loading a checkpoint then overwrites the values ({@link RexCheckpoint}).
 */
public final class RexNetworkFactory {
    /** PyTorch is the only engine REX runs on (ARCHITECTURE §4). */
    public static final String ENGINE = "PyTorch";

    private RexNetworkFactory() {
    }

    /** A DJL model holding an initialised REX network; the caller owns (closes) it. */
    public static Model newModel(RexConfig config) {
        ensureOffline();
        RexNetwork network = new RexNetwork(config);
        Model model = Model.newInstance("rex", ENGINE);
        model.setBlock(network);
        model.setDataType(DataType.FLOAT32);
        // the blocks' shapes come from the config; these shapes only satisfy DJL's initialise contract
        network.initialize(model.getNDManager(), DataType.FLOAT32,
                new Shape(1, config.numRoi(), config.visualEmbeddingDim()), new Shape(1, 1), new Shape(1, 1),
                new Shape(1, 1));
        return model;
    }

    /** Same as {@link #newModel(RexConfig)} with the engine's random generator seeded first (reproducible init). */
    public static Model newModel(RexConfig config, long seed) {
        ensureOffline();
        Engine.getEngine(ENGINE).setRandomSeed((int) seed);
        return newModel(config);
    }

    /**
     * DJL must never call home (ARCHITECTURE §4). Tests and the CLI set this already; a library user who forgot gets it
     * here, before the first engine use.
     */
    static void ensureOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
