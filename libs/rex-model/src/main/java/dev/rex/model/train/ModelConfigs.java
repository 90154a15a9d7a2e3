package dev.rex.model.train;

import dev.rex.model.RexConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code --config tiny|small|base|FILE} with the sizes that come from the run's data filled in. */
public final class ModelConfigs {
    private ModelConfigs() {
    }

    /**
     * A preset, or a config file whose architecture is kept and whose {@code vocab_size}, {@code nb_answer} and
     * {@code nb_vocab} are replaced by the tokenizer's and the dictionaries' sizes.
     */
    public static RexConfig resolve(String model, int vocabSize, int nbAnswer, int nbVocab) {
        if (TrainingConfig.isPreset(model)) return RexConfig.preset(model, vocabSize, nbAnswer, nbVocab);
        RexConfig c;
        try {
            c = RexConfig.read(Path.of(model));
        } catch (IOException e) {
            throw new UncheckedIOException("config: cannot read " + model + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidTrainingConfigException("config", e.getMessage());
        }
        return new RexConfig(vocabSize, c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(),
                c.intermediateSize(), c.visualEmbeddingDim(), c.maxPositionEmbeddings(), c.typeVocabSize(),
                c.layerNormEps(), c.hiddenDropoutProb(), c.attentionProbsDropoutProb(), c.numStep(), c.numRoi(),
                c.useStructure(), nbAnswer, nbVocab);
    }
}
