package dev.rex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.rex.model.ParameterNames;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import dev.rex.model.WeightFiles;
import dev.rex.model.nn.RexNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code rex train --init}: the weights a run starts from. A REX network (a checkpoint directory, or any weights
 * file holding the decoder, such as the original's {@code model_best.pth} with its {@code module.} prefix) sets every
 * weight, except for VQA transfer the answer head, which stays freshly initialised (main_transfer.py's
 * {@code load_state_dict(strict=False)} into a model with a new {@code ans_cls}). A VisualBERT backbone (a
 * HuggingFace directory with {@code config.json} and {@code pytorch_model.bin} or {@code model.safetensors}, or
 * such a file alone) sets the backbone, as the original's {@code VisualBertModel.from_pretrained} does, and leaves
 * the decoder as initialised.
 */
public final class InitWeights {
    private InitWeights() {
    }

    /**
     * Loads {@code init} into {@code rex} and returns a one-line note of what was loaded.
     *
     * @param exp2idx the run's explanation dictionary: a checkpoint directory trained with another one is refused
     */
    public static String apply(RexModel rex, Path init, boolean transfer, Map<String, Integer> exp2idx)
            throws IOException {
        Path weights;
        if (Files.isDirectory(init)) {
            try {
                weights = WeightFiles.inDirectory(init);
            } catch (IllegalArgumentException e) {
                throw new InvalidTrainingConfigException("init", e.getMessage()
                        + " (give a checkpoint directory, a HuggingFace VisualBERT directory or a weights file)");
            }
            if (Files.isRegularFile(init.resolve(RexCheckpoint.EXP2IDX))
                    && !Dictionaries.read(init).exp2idx().equals(exp2idx)) {
                throw new InvalidTrainingConfigException("init", init + " was trained with another explanation "
                        + "vocabulary (exp2idx.json differs from this run's): use dictionaries of the same build");
            }
        } else if (Files.isRegularFile(init)) {
            weights = init;
        } else {
            throw new InvalidTrainingConfigException("init", "no such checkpoint, directory or file: " + init);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors;
            try {
                tensors = new LinkedHashMap<>(WeightFiles.read(m, weights));
            } catch (IllegalArgumentException e) {
                throw new InvalidTrainingConfigException("init", e.getMessage());
            }
            boolean full = tensors.keySet().stream().map(ParameterNames::canonical)
                    .anyMatch(n -> n.isPresent() && !ParameterNames.isBackbone(n.get())
                            && !n.get().equals(RexNetwork.STRUCTURE_MAPPING));
            if (full && transfer) {
                tensors.keySet().removeIf(k -> ParameterNames.canonical(k).map(n -> n.startsWith("ans_cls."))
                        .orElse(false));
                for (Map.Entry<String, Parameter> e : rex.parameters().entrySet()) {
                    if (!e.getKey().startsWith("ans_cls.")) continue;
                    NDArray copy = e.getValue().getArray().duplicate();
                    copy.attach(m);
                    tensors.put(e.getKey(), copy);
                }
            }
            try {
                rex.load(tensors, !full);
            } catch (IllegalArgumentException e) {
                throw new InvalidTrainingConfigException("init", weights + ": " + e.getMessage());
            }
            if (!full) return "backbone initialised from " + weights + " (VisualBERT; decoder as initialised)";
            return "weights initialised from " + weights + (transfer ? " (answer head new)" : "");
        }
    }
}
