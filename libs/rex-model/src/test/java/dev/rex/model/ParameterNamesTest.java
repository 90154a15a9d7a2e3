package dev.rex.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoint names as documented in the README's table ("Parameter names"). */
class ParameterNamesTest {
    @Test
    void namesFollowHuggingFaceForTheBackboneAndTheOriginalForTheRest() {
        try (RexModel m = RexModel.create(TestNetworks.small(true), 1)) {
            Map<String, Parameter> p = m.parameters();
            for (String n : new String[] {"embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                    "embeddings.token_type_embeddings.weight", "embeddings.visual_token_type_embeddings.weight",
                    "embeddings.visual_position_embeddings.weight", "embeddings.visual_projection.weight",
                    "embeddings.visual_projection.bias", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
                    "encoder.layer.0.attention.self.query.weight", "encoder.layer.1.attention.self.value.bias",
                    "encoder.layer.0.attention.output.dense.weight", "encoder.layer.0.attention.output.LayerNorm.bias",
                    "encoder.layer.1.intermediate.dense.weight", "encoder.layer.1.output.dense.bias",
                    "encoder.layer.0.output.LayerNorm.weight", "ans_cls.weight", "exp_embed.weight", "att_q.bias",
                    "att_v.weight", "att_h.weight", "att.weight", "att_rnn.update_x.weight", "att_rnn.reset_h.bias",
                    "att_rnn.memory_h.weight", "q_fc.weight", "v_fc.bias", "language_rnn.memory_x.weight",
                    "language_fc.weight", "structure_gate.weight", "structure_mapping"}) {
                assertTrue(p.containsKey(n), n + " in " + p.keySet());
            }
            // 9 embedding tensors, 16 per layer, 2 x 12 GRU tensors, 19 other decoder tensors, the mapping
            assertEquals(9 + 2 * 16 + 24 + 19 + 1, p.size(), p.keySet().toString());
            assertEquals(new ai.djl.ndarray.types.Shape(41, 36), p.get("structure_mapping").getShape());
        }
    }

    @Test
    void everyParameterTrainsExceptTheStructureMapping() {
        try (RexModel m = RexModel.create(TestNetworks.small(true), 1)) {
            m.parameters().forEach((n, p) ->
                    assertEquals(!n.equals("structure_mapping"), p.requiresGradient(), n));
        }
    }

    @Test
    void sameNamesAsTheSharedFixtureCheckpoint() throws Exception {
        Path dir = SharedFixture.rexNetwork();
        try (NDManager nd = NDManager.newBaseManager();
             RexModel m = RexModel.create(RexConfig.read(dir.resolve("config.json")), 1)) {
            Set<String> file = new TreeSet<>(NamedArrays.asMap(NamedArrays.read(nd, dir.resolve("model.safetensors")))
                    .keySet());
            assertEquals(file, new TreeSet<>(m.parameters().keySet()));
        }
    }

    @Test
    void foreignNamesMapAsDocumented() {
        assertEquals(Optional.of("embeddings.LayerNorm.weight"), ParameterNames.canonical("embedding.LayerNorm.weight"));
        assertEquals(Optional.of("encoder.layer.3.output.dense.bias"),
                ParameterNames.canonical("module.bert_encoder.layer.3.output.dense.bias"));
        assertEquals(Optional.of("encoder.layer.0.attention.self.key.weight"),
                ParameterNames.canonical("visual_bert.encoder.layer.0.attention.self.key.weight"));
        assertEquals(Optional.of("encoder.layer.0.output.LayerNorm.bias"),
                ParameterNames.canonical("visual_bert.encoder.layer.0.output.LayerNorm.beta"));
        assertEquals(Optional.of("att_rnn.update_x.weight"), ParameterNames.canonical("module.att_rnn.update_x.weight"));
        assertEquals(Optional.of("structure_mapping"), ParameterNames.canonical("structure_mapping"));
        for (String skipped : new String[] {"sent_cls.weight", "visual_bert.pooler.dense.weight",
                "cls.predictions.transform.dense.weight", "visual_bert.embeddings.position_ids"}) {
            assertFalse(ParameterNames.canonical(skipped).isPresent(), skipped);
        }
    }
}
