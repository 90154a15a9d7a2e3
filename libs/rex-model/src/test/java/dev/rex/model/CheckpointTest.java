package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Save, load, and loading weights written under the original's and HuggingFace's names. */
class CheckpointTest {
    @TempDir
    Path tmp;

    static RexDictionaries dictionaries(RexConfig c) {
        Map<String, Integer> exp = new LinkedHashMap<>();
        for (int i = 0; i < c.nbVocab(); i++) {
            exp.put(i < 36 ? "#" + i : "word" + i, i + 1);
        }
        Map<String, Integer> ans = new LinkedHashMap<>();
        for (int i = 0; i < c.nbAnswer(); i++) {
            ans.put("answer" + i, i);
        }
        return new RexDictionaries(exp, ans, List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "red"));
    }

    @Test
    void saveThenLoadGivesIdenticalOutputsAndDictionaries() throws Exception {
        RexConfig c = TestNetworks.small(true);
        RexBatch batch = TestNetworks.batch(c, 2, 5, 4, null);
        RexOutput before;
        try (RexModel m = RexModel.create(c, 21)) {
            m.setDictionaries(dictionaries(c));
            before = TestNetworks.predict(m, batch);
            RexCheckpoint.save(m, tmp);
        }
        for (String f : List.of("model.safetensors", "config.json", "exp2idx.json", "ans2idx.json", "vocab.txt")) {
            assertTrue(Files.isRegularFile(tmp.resolve(f)), f);
        }
        try (RexModel loaded = RexCheckpoint.load(tmp)) {
            assertEquals(c, loaded.config());
            assertEquals(dictionaries(c), loaded.dictionaries().orElseThrow());
            RexOutput after = TestNetworks.predict(loaded, batch);
            assertArrayEquals(before.wordProbs(), after.wordProbs(), 0f);
            assertArrayEquals(before.answerProbs(), after.answerProbs(), 0f);
            assertArrayEquals(before.gate(), after.gate(), 0f);
        }
    }

    @Test
    void aCheckpointWithoutDictionariesLoadsButPartialOnesAreRefused() throws Exception {
        RexConfig c = TestNetworks.small(false);
        try (RexModel m = RexModel.create(c, 2)) {
            RexCheckpoint.save(m, tmp);
        }
        try (RexModel loaded = RexCheckpoint.load(tmp)) {
            assertTrue(loaded.dictionaries().isEmpty());
        }
        Files.writeString(tmp.resolve("vocab.txt"), "[PAD]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RexCheckpoint.load(tmp));
        assertTrue(e.getMessage().contains("all three or none"), e.getMessage());
    }

    @Test
    void dictionariesThatDoNotFitTheConfigAreRefused() {
        RexConfig c = TestNetworks.small(false);
        try (RexModel m = RexModel.create(c, 2)) {
            RexDictionaries d = dictionaries(c.withNbAnswer(4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setDictionaries(d));
            assertTrue(e.getMessage().contains("nb_answer"), e.getMessage());
        }
    }

    @Test
    void loadsAStateDictNamedTheOriginalWay() throws Exception {
        RexConfig c = TestNetworks.small(true);
        RexBatch batch = TestNetworks.batch(c, 1, 5, 8, null);
        Path file = tmp.resolve("original.safetensors");
        RexOutput source;
        try (RexModel m = RexModel.create(c, 5); NDManager nd = NDManager.newBaseManager()) {
            source = TestNetworks.predict(m, batch);
            NDList arrays = new NDList();
            m.parameters().forEach((name, p) -> arrays.add(named(nd, p.getArray(), "module." + name
                    .replaceFirst("^embeddings\\.", "embedding.").replaceFirst("^encoder\\.", "bert_encoder."))));
            arrays.add(named(nd, nd.ones(new ai.djl.ndarray.types.Shape(41, 16)), "module.sent_cls.weight"));
            NamedArrays.writeSafetensors(arrays, file);
        }
        try (RexModel fresh = RexModel.create(c, 99)) {
            RexModel.LoadReport r = RexCheckpoint.loadWeights(fresh, file, false);
            assertEquals(List.of("module.sent_cls.weight"), r.skipped());
            assertEquals(fresh.parameters().size(), r.loaded().size());
            assertArrayEquals(source.wordProbs(), TestNetworks.predict(fresh, batch).wordProbs(), 0f);
        }
    }

    @Test
    void loadsTheBackboneOfAHuggingFaceVisualBertFile() throws Exception {
        RexConfig c = TestNetworks.small(true);
        Path file = tmp.resolve("visualbert.safetensors");
        Map<String, float[]> backbone = new LinkedHashMap<>();
        try (RexModel pretrained = RexModel.create(c, 6); NDManager nd = NDManager.newBaseManager()) {
            NDList arrays = new NDList();
            pretrained.parameters().forEach((name, p) -> {
                if (ParameterNames.isBackbone(name)) {
                    backbone.put(name, p.getArray().toFloatArray());
                    arrays.add(named(nd, p.getArray(), "visual_bert." + name));
                }
            });
            // what VisualBertForPreTraining files hold besides the backbone
            arrays.add(named(nd, nd.ones(new ai.djl.ndarray.types.Shape(16, 16)), "visual_bert.pooler.dense.weight"));
            arrays.add(named(nd, nd.ones(new ai.djl.ndarray.types.Shape(30)), "cls.predictions.bias"));
            arrays.add(named(nd, nd.arange(40f).reshape(1, 40), "visual_bert.embeddings.position_ids"));
            NamedArrays.writeSafetensors(arrays, file);
        }
        try (RexModel rex = RexModel.create(c, 7)) {
            float[] decoderBefore = rex.parameters().get("att_v.weight").getArray().toFloatArray();
            RexModel.LoadReport r = RexCheckpoint.loadWeights(rex, file, true);
            assertEquals(3, r.skipped().size(), r.skipped().toString());
            backbone.forEach((name, values) ->
                    assertArrayEquals(values, rex.parameters().get(name).getArray().toFloatArray(), 0f, name));
            assertArrayEquals(decoderBefore, rex.parameters().get("att_v.weight").getArray().toFloatArray(), 0f);
            // the same file is not a full REX checkpoint
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RexCheckpoint.loadWeights(rex, file, false));
            assertTrue(e.getMessage().contains("lack"), e.getMessage());
        }
    }

    @Test
    void aShapeMismatchNamesTheTensorAndBothShapes() throws Exception {
        RexConfig c = TestNetworks.small(false);
        try (RexModel m = RexModel.create(c, 1); NDManager nd = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            m.parameters().forEach((n, p) -> tensors.put(n, p.getArray()));
            tensors.put("ans_cls.weight", nd.zeros(new ai.djl.ndarray.types.Shape(7, 16)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.load(tensors, false));
            assertTrue(e.getMessage().contains("ans_cls.weight") && e.getMessage().contains("(7, 16)")
                    && e.getMessage().contains("(5, 16)"), e.getMessage());
        }
    }

    private static NDArray named(NDManager nd, NDArray a, String name) {
        NDArray copy = a.duplicate();
        copy.attach(nd);
        copy.setName(name);
        return copy;
    }
}
