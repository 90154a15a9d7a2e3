package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.rex.model.train.InitWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The original's pickled checkpoint imported into a checkpoint directory gives exactly the fixture network and its
 * outputs; {@code rex train --init} starts from exactly the backbone of a HuggingFace VisualBERT directory, or every
 * weight of a {@code .pth} file.
 */
class TorchImportTest {

    @Test
    void importedCheckpointsGiveTheFixturesTensorsAndTheOriginalsOutputs(@TempDir Path tmp) throws Exception {
        Path network = SharedFixture.require("rex-network");
        for (String file : List.of("model_best.pth", "model_best_legacy.pth")) {
            Path out = tmp.resolve(file);
            RexImport.Result r = RexImport.run(SharedFixture.require("torch-files" + "/" + file),
                    network.resolve("config.json").toString(), null, out);
            assertEquals(7, r.config().nbAnswer());
            assertTrue(r.skipped().contains("module.sent_cls.weight"), r.skipped().toString());
            try (RexModel model = RexCheckpoint.load(out); NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> fixture = NamedArrays.asMap(NamedArrays.read(m, network.resolve("model.safetensors")));
                assertEquals(fixture.keySet(), model.parameters().keySet());
                fixture.forEach((name, want) -> assertArrayEquals(want.toFloatArray(),
                        model.parameters().get(name).getArray().toFloatArray(), 0f, file + ": " + name));
                try (RexPredictor p = model.newPredictor()) {
                    RexOutput o = p.predict(RexBatch.fromNamed(NamedArrays.read(m, network.resolve("input.npz"))));
                    OriginalOutputsTest.assertClose(NamedArrays.read(m, network.resolve("expected.npz")),
                            o.toNamedList(m), 1e-5);
                }
            }
        }
    }

    @Test
    void aConfigThatDoesNotFitTheWeightsIsRefusedWithTheTensorNamed(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RexImport.run(
                SharedFixture.require("torch-files/model_best.pth"), "tiny", null, tmp.resolve("out")));
        assertTrue(e.getMessage().contains("shape") && e.getMessage().contains("--config tiny"), e.getMessage());
        IllegalArgumentException backbone = assertThrows(IllegalArgumentException.class, () -> RexImport.run(
                SharedFixture.require("torch-files").resolve("visualbert"), "tiny", null, tmp.resolve("out2")));
        assertTrue(backbone.getMessage().contains("rex train --init"), backbone.getMessage());
    }

    @Test
    void initFromAHuggingFaceDirectorySetsExactlyTheBackbone() throws Exception {
        RexConfig c = RexConfig.read(SharedFixture.require("rex-network/config.json"));
        try (RexModel rex = RexModel.create(c, 11); NDManager m = NDManager.newBaseManager()) {
            Map<String, float[]> before = snapshot(rex);
            String note = InitWeights.apply(rex, SharedFixture.require("torch-files").resolve("visualbert"), false,
                    Map.of());
            assertTrue(note.startsWith("backbone initialised"), note);
            Map<String, NDArray> fixture = NamedArrays.asMap(NamedArrays.read(m,
                    SharedFixture.require("rex-network/model.safetensors")));
            int backbone = 0;
            for (Map.Entry<String, Parameter> e : rex.parameters().entrySet()) {
                float[] now = e.getValue().getArray().toFloatArray();
                if (ParameterNames.isBackbone(e.getKey())) {
                    assertArrayEquals(fixture.get(e.getKey()).toFloatArray(), now, 0f, e.getKey());
                    backbone++;
                } else {
                    assertArrayEquals(before.get(e.getKey()), now, 0f, e.getKey() + " is left as initialised");
                }
            }
            assertEquals(9 + 16 * c.numHiddenLayers(), backbone);
        }
    }

    @Test
    void initFromTheOriginalsPthSetsEveryWeightAndTransferKeepsANewAnswerHead() throws Exception {
        RexConfig c = RexConfig.read(SharedFixture.require("rex-network/config.json"));
        Path pth = SharedFixture.require("torch-files/model_best.pth");
        try (RexModel rex = RexModel.create(c, 3); NDManager m = NDManager.newBaseManager()) {
            Map<String, float[]> before = snapshot(rex);
            InitWeights.apply(rex, pth, true, Map.of());
            Map<String, NDArray> fixture = NamedArrays.asMap(NamedArrays.read(m,
                    SharedFixture.require("rex-network/model.safetensors")));
            for (Map.Entry<String, Parameter> e : rex.parameters().entrySet()) {
                float[] want = e.getKey().startsWith("ans_cls.") ? before.get(e.getKey())
                        : fixture.get(e.getKey()).toFloatArray();
                assertArrayEquals(want, e.getValue().getArray().toFloatArray(), 0f, e.getKey());
            }
        }
    }

    private static Map<String, float[]> snapshot(RexModel rex) {
        Map<String, float[]> out = new LinkedHashMap<>();
        rex.parameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }
}
