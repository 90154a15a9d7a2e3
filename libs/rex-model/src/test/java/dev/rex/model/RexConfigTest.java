package dev.rex.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RexConfigTest {
    @Test
    void presetsHaveTheIssueSizes() {
        RexConfig tiny = RexConfig.preset("tiny", 100, 7, 50);
        assertEquals(2, tiny.numHiddenLayers());
        assertEquals(64, tiny.hiddenSize());
        assertEquals(4, tiny.numAttentionHeads());
        assertEquals(128, tiny.intermediateSize());
        RexConfig small = RexConfig.preset("small", 100, 7, 50);
        assertEquals(4 * 256 * 4 * 1024, small.numHiddenLayers() * small.hiddenSize() * small.numAttentionHeads()
                * small.intermediateSize());
        RexConfig base = RexConfig.preset("BASE", 30522, 1842, 3000);
        assertEquals(12, base.numHiddenLayers());
        assertEquals(768, base.hiddenSize());
        assertEquals(12, base.numAttentionHeads());
        assertEquals(3072, base.intermediateSize());
        assertEquals(12, base.numStep());
        assertEquals(36, base.numRoi());
        assertEquals(2048, base.visualEmbeddingDim());
        assertThrows(IllegalArgumentException.class, () -> RexConfig.preset("huge", 1, 1, 40));
    }

    @Test
    void readsHuggingFaceStyleJsonWithDefaultsAndWritesItBack(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("config.json");
        Files.writeString(f, "{\"model_type\": \"visual_bert\", \"vocab_size\": 100, \"hidden_size\": 32, "
                + "\"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"intermediate_size\": 64, "
                + "\"hidden_act\": \"gelu\", \"nb_answer\": 7, \"nb_vocab\": 50}");
        RexConfig c = RexConfig.read(f);
        assertEquals(1e-12, c.layerNormEps());
        assertEquals(12, c.numStep());
        assertEquals(36, c.numRoi());
        assertTrue(c.useStructure());
        c.write(tmp.resolve("again.json"));
        assertEquals(c, RexConfig.read(tmp.resolve("again.json")));
        assertTrue(Files.readString(tmp.resolve("again.json")).contains("\"num_attention_heads\""));
    }

    @Test
    void invalidConfigsAreClearErrors(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("config.json");
        Files.writeString(f, "{\"vocab_size\": 100, \"hidden_size\": 30, \"num_hidden_layers\": 2, "
                + "\"num_attention_heads\": 4, \"intermediate_size\": 64, \"nb_answer\": 7, \"nb_vocab\": 50}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RexConfig.read(f));
        assertTrue(e.getMessage().contains("not a multiple"), e.getMessage());
        Files.writeString(f, "{\"vocab_size\": 100}");
        e = assertThrows(IllegalArgumentException.class, () -> RexConfig.read(f));
        assertTrue(e.getMessage().contains("hidden_size"), e.getMessage());
    }
}
