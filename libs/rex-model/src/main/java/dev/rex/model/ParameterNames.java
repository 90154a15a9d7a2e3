package dev.rex.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoint names of the network's parameters, and how names written by other code map onto them.
 *
 * <p>Our names are the dotted path of child block names (DJL numbers children {@code 01name}; the number is
 * dropped) plus the parameter name: the backbone under HuggingFace VisualBERT's names without prefix
 * ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.0.attention.self.query.weight}, …), the rest
 * under {@code bert_exp.py}'s names ({@code ans_cls.weight}, {@code att_rnn.update_x.weight},
 * {@code structure_mapping}, …).
 *
 * <p>Foreign names (see {@link #canonical(String)}): the original REX state dict ({@code embedding.*},
 * {@code bert_encoder.*}, possibly under {@code module.} from {@code nn.DataParallel}); HuggingFace files
 * ({@code visual_bert.*}; old BERT {@code LayerNorm.gamma/beta}). Tensors that REX never uses are skipped:
 * {@code sent_cls.*} (an unused layer of the original), HuggingFace's {@code pooler.*}, pre-training heads
 * {@code cls.*} and the {@code position_ids} buffer.
 */
public final class ParameterNames {
    /** Prefixes of tensors that belong to the VisualBERT backbone. */
    public static final List<String> BACKBONE_PREFIXES = List.of("embeddings.", "encoder.");

    private ParameterNames() {
    }

    /** Every parameter of {@code block}, keyed by its checkpoint name, in block order. */
    public static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(block, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + p.getValue().getName(), p.getValue());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + child.getKey().replaceFirst("^\\d+", "") + ".", out);
        }
    }

    /** Whether a checkpoint name belongs to the VisualBERT backbone. */
    public static boolean isBackbone(String name) {
        return BACKBONE_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /**
     * The name a tensor from another source has in our checkpoints, or empty when REX does not use the tensor.
     * Mapping: {@code module.X → X}; {@code visual_bert.X → X}; {@code embedding.X → embeddings.X};
     * {@code bert_encoder.X → encoder.X}; {@code *.LayerNorm.gamma → *.LayerNorm.weight},
     * {@code *.LayerNorm.beta → *.LayerNorm.bias}.
     */
    public static Optional<String> canonical(String name) {
        String n = name;
        if (n.startsWith("module.")) {
            n = n.substring("module.".length());
        }
        if (n.startsWith("visual_bert.")) {
            n = n.substring("visual_bert.".length());
        }
        if (n.startsWith("embedding.")) {
            n = "embeddings." + n.substring("embedding.".length());
        } else if (n.startsWith("bert_encoder.")) {
            n = "encoder." + n.substring("bert_encoder.".length());
        }
        if (n.endsWith("LayerNorm.gamma")) {
            n = n.substring(0, n.length() - "gamma".length()) + "weight";
        } else if (n.endsWith("LayerNorm.beta")) {
            n = n.substring(0, n.length() - "beta".length()) + "bias";
        }
        if (n.startsWith("sent_cls.") || n.startsWith("pooler.") || n.startsWith("cls.")
                || n.endsWith("position_ids")) {
            return Optional.empty();
        }
        return Optional.of(n);
    }
}
