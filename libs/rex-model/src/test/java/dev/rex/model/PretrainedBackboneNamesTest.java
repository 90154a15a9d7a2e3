package dev.rex.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.rex.model.nn.RexNetwork;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code base} preset's backbone has exactly the tensors, names and shapes of HuggingFace's
 * {@code VisualBertModel} for {@code uclanlp/visualbert-vqa-coco-pre} (bert-base-uncased sizes: vocab 30522,
 * 512 positions, 2 token types, 2048-d visual features, 12 layers of 768/3072), so that file's backbone loads.
 * Checked without allocating the 110M weights: parameter shapes are fixed at construction.
 */
class PretrainedBackboneNamesTest {
    @Test
    void basePresetBackboneMatchesVisualBertBase() {
        Map<String, Shape> hf = new LinkedHashMap<>();
        hf.put("embeddings.word_embeddings.weight", new Shape(30522, 768));
        hf.put("embeddings.position_embeddings.weight", new Shape(512, 768));
        hf.put("embeddings.token_type_embeddings.weight", new Shape(2, 768));
        hf.put("embeddings.LayerNorm.weight", new Shape(768));
        hf.put("embeddings.LayerNorm.bias", new Shape(768));
        hf.put("embeddings.visual_token_type_embeddings.weight", new Shape(2, 768));
        hf.put("embeddings.visual_position_embeddings.weight", new Shape(512, 768));
        hf.put("embeddings.visual_projection.weight", new Shape(768, 2048));
        hf.put("embeddings.visual_projection.bias", new Shape(768));
        for (int i = 0; i < 12; i++) {
            String l = "encoder.layer." + i + ".";
            for (String p : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense"}) {
                hf.put(l + p + ".weight", new Shape(768, 768));
                hf.put(l + p + ".bias", new Shape(768));
            }
            hf.put(l + "attention.output.LayerNorm.weight", new Shape(768));
            hf.put(l + "attention.output.LayerNorm.bias", new Shape(768));
            hf.put(l + "intermediate.dense.weight", new Shape(3072, 768));
            hf.put(l + "intermediate.dense.bias", new Shape(3072));
            hf.put(l + "output.dense.weight", new Shape(768, 3072));
            hf.put(l + "output.dense.bias", new Shape(768));
            hf.put(l + "output.LayerNorm.weight", new Shape(768));
            hf.put(l + "output.LayerNorm.bias", new Shape(768));
        }
        Map<String, Shape> ours = new TreeMap<>();
        for (Map.Entry<String, Parameter> e : ParameterNames.of(new RexNetwork(RexConfig.preset("base", 30522, 1845,
                3000))).entrySet()) {
            if (ParameterNames.isBackbone(e.getKey())) {
                ours.put(e.getKey(), e.getValue().getShape());
            }
        }
        assertEquals(new TreeMap<>(hf), ours);
    }

    @Test
    void huggingFaceFileNamesMapOntoThem() {
        // what VisualBertForPreTraining.save_pretrained writes for the backbone
        assertEquals("encoder.layer.11.output.LayerNorm.weight",
                ParameterNames.canonical("visual_bert.encoder.layer.11.output.LayerNorm.weight").orElseThrow());
        assertEquals("embeddings.visual_projection.bias",
                ParameterNames.canonical("visual_bert.embeddings.visual_projection.bias").orElseThrow());
    }
}
