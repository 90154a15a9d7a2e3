package dev.rex.model.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.model.SharedFixture;
import dev.rex.model.NamedArrays;
import dev.rex.model.ParameterNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pickled PyTorch state dicts read without Python: the original's {@code model_best.pth} in both formats and a
 * HuggingFace {@code pytorch_model.bin} give exactly the tensors of the safetensors fixture; crafted files cover
 * float16, bfloat16, float64, int64, transposed, offset and broadcast views; a file naming any other global is refused.
 */
class TorchFileTest {

    @Test
    void theOriginalsCheckpointInBothFormatsHoldsExactlyTheFixturesTensors() throws Exception {
        Path torch = SharedFixture.require("torch-files");
        List<String> names = new ArrayList<>();
        new ObjectMapper().readTree(torch.resolve("tensor_names.json").toFile()).get("model_best.pth")
                .forEach(n -> names.add(n.asText()));
        for (String file : List.of("model_best.pth", "model_best_legacy.pth")) {
            Map<String, TorchTensor> read = TorchFile.read(torch.resolve(file));
            assertEquals(new java.util.TreeSet<>(names), new java.util.TreeSet<>(read.keySet()), file);
            int compared = assertSameAsFixture(read, false);
            assertEquals(names.size() - 2, compared, file + ": every tensor but sent_cls.{weight,bias}");
        }
    }

    @Test
    void aHuggingFaceVisualBertFileHoldsTheFixturesBackbone() throws Exception {
        Map<String, TorchTensor> read = TorchFile.read(SharedFixture.require("torch-files/visualbert/pytorch_model.bin"));
        assertTrue(read.keySet().stream().anyMatch(k -> k.startsWith("cls.")), "pre-training heads are in the file");
        int compared = assertSameAsFixture(read, true);
        assertTrue(compared >= 16 + 5 * 2, "backbone tensors compared: " + compared);
    }

    /** Every tensor whose name maps to a fixture parameter equals it bit for bit; returns how many were compared. */
    private static int assertSameAsFixture(Map<String, TorchTensor> read, boolean backboneOnly) throws Exception {
        int compared = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> fixture = NamedArrays.asMap(NamedArrays.read(m,
                    SharedFixture.require("rex-network/model.safetensors")));
            for (Map.Entry<String, TorchTensor> e : read.entrySet()) {
                Optional<String> ours = ParameterNames.canonical(e.getKey());
                if (ours.isEmpty() || (backboneOnly && !ParameterNames.isBackbone(ours.get()))) continue;
                NDArray want = fixture.get(ours.get());
                assertTrue(want != null, "no fixture tensor for " + e.getKey());
                assertArrayEquals(want.getShape().getShape(), e.getValue().shape(), e.getKey());
                assertArrayEquals(want.toFloatArray(), e.getValue().floats(), 0f, e.getKey());
                compared++;
            }
        }
        return compared;
    }

    @Test
    void dtypesAndStridedViewsComeOutAsPyTorchShowsThem() throws Exception {
        for (String file : List.of("crafted.pth", "crafted_legacy.pth")) {
            Map<String, TorchTensor> t = TorchFile.read(SharedFixture.require("crafted-torch" + "/" + file));
            assertEquals(List.of("f32.transposed", "f32.offset_view", "f32.whole", "f32.expanded", "f16", "bf16",
                    "i64", "f64"), List.copyOf(t.keySet()), file);
            float[] transposed = new float[12];
            for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) transposed[i * 3 + j] = i + 4 * j;
            check(t.get("f32.transposed"), new long[]{4, 3}, transposed);
            check(t.get("f32.offset_view"), new long[]{5}, new float[]{2, 4, 6, 8, 10});
            check(t.get("f32.whole"), new long[]{3, 4}, new float[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
            check(t.get("f32.expanded"), new long[]{2, 3}, new float[]{11, 11, 11, 11, 11, 11});
            check(t.get("f16"), new long[]{2, 3}, new float[]{1f, -2.5f, 65504f, 0x1p-14f, 0x1p-24f, 0.333251953125f});
            check(t.get("bf16"), new long[]{3}, new float[]{-3.140625f, 0x1p100f, -0x1p-130f});
            check(t.get("f64"), new long[]{2}, new float[]{0.1f, -2f});
            assertEquals("LongStorage", t.get("i64").dtype());
            assertArrayEquals(new long[]{2, 2}, t.get("i64").shape());
            assertArrayEquals(new long[]{-1, 7, 1L << 40, 123}, t.get("i64").longs());
        }
    }

    private static void check(TorchTensor t, long[] shape, float[] values) {
        assertArrayEquals(shape, t.shape());
        assertArrayEquals(values, t.floats(), 0f);
    }

    @Test
    void aFileNamingAnyOtherGlobalIsRefusedAndNothingRuns(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("pwned");
        RefusedPickleException zip = assertThrows(RefusedPickleException.class,
                () -> TorchFile.read(SharedFixture.require("crafted-torch/evil.pth")));
        assertTrue(zip.getMessage().contains("refused global 'os.system'"), zip.getMessage());
        assertTrue(zip.getMessage().contains("evil.pth"), zip.getMessage());
        RefusedPickleException legacy = assertThrows(RefusedPickleException.class,
                () -> TorchFile.read(SharedFixture.require("crafted-torch/evil_legacy.pth")));
        assertTrue(legacy.getMessage().contains("refused global 'builtins.eval'"), legacy.getMessage());
        assertTrue(!Files.exists(marker));
    }

    @Test
    void truncatedAndForeignFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        byte[] legacy = Files.readAllBytes(SharedFixture.require("torch-files/model_best_legacy.pth"));
        Path cut = dir.resolve("cut.pth");
        Files.write(cut, java.util.Arrays.copyOf(legacy, legacy.length - 1000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchFile.read(cut));
        assertTrue(e.getMessage().contains("cut.pth"), e.getMessage());
        Path text = dir.resolve("notes.bin");
        Files.writeString(text, "hello");
        assertThrows(IllegalArgumentException.class, () -> TorchFile.read(text));
    }

    @Test
    void halfPrecisionConvertsExactly() {
        assertEquals(0f, TorchFile.halfToFloat((short) 0));
        assertEquals(-0f, TorchFile.halfToFloat((short) 0x8000));
        assertEquals(Float.POSITIVE_INFINITY, TorchFile.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(TorchFile.halfToFloat((short) 0x7e00)));
        assertEquals(0x1p-24f * 3, TorchFile.halfToFloat((short) 3));
        assertEquals(1.5f, TorchFile.halfToFloat((short) 0x3e00));
    }
}
