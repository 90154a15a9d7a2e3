package dev.rex.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.rex.model.NamedArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rex model import} of the original's pickled checkpoint, then {@code rex model run} on the result, gives the
 * original module's outputs; a pickle naming another global is refused with the global named. The fixtures are the
 * rex-model module's test resources (README there), read in place ({@link Fixtures}).
 */
class ModelImportCommandTest {
    @TempDir
    Path tmp;

    private static Path fixture(String path) {
        int slash = path.indexOf('/');
        String folder = slash < 0 ? path : path.substring(0, slash);
        Path dir = switch (folder) {
            case "rex-network" -> Fixtures.rexNetwork();
            case "torch-files" -> Fixtures.torchFiles();
            case "crafted-torch" -> Fixtures.craftedTorch();
            default -> throw new IllegalArgumentException(folder);
        };
        return slash < 0 ? dir : dir.resolve(path.substring(slash + 1));
    }

    @Test
    void importedPthRunsLikeTheOriginal() throws Exception {
        for (String file : new String[]{"model_best.pth", "model_best_legacy.pth"}) {
            Path ckpt = tmp.resolve("ckpt-" + file);
            CliRun imp = CliRun.of("model", "import", "--from", fixture("torch-files/" + file).toString(),
                    "--config", fixture("rex-network/config.json").toString(), "--out", ckpt.toString());
            assertEquals(0, imp.code(), imp.err());
            assertTrue(imp.out().contains("module.sent_cls.weight"), imp.out());
            Path out = tmp.resolve("out-" + file + ".npz");
            CliRun run = CliRun.of("model", "run", "--checkpoint", ckpt.toString(), "--input",
                    fixture("rex-network/input.npz").toString(), "--out", out.toString());
            assertEquals(0, run.code(), run.err());
            try (NDManager m = NDManager.newBaseManager()) {
                NDList want = NamedArrays.read(m, fixture("rex-network/expected.npz"));
                NDList got = NamedArrays.read(m, out);
                for (NDArray w : want) {
                    float[] a = w.toFloatArray();
                    float[] b = got.get(w.getName()).toFloatArray();
                    for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5, w.getName() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void aPickleWithAnotherGlobalIsRefused() {
        Path out = tmp.resolve("evil");
        CliRun r = CliRun.of("model", "import", "--from", fixture("crafted-torch/evil.pth").toString(), "--config",
                "tiny", "--out", out.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("refused global 'os.system'"), r.err());
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void partialDictionariesAndBadBatchesAreUserErrors() {
        CliRun r = CliRun.of("model", "import", "--from", fixture("torch-files/model_best.pth").toString(),
                "--config", "tiny", "--answers", "a.json", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--answers, --explanations and --vocab go together"), r.err());
        CliRun steps = CliRun.of("model", "train-steps", "--checkpoint", fixture("rex-network").toString(),
                "--batches", fixture("rex-network/input.npz").toString(), "--out", tmp.resolve("s").toString());
        assertEquals(2, steps.code());
        assertTrue(steps.err().contains("lacks the array 'ans'"), steps.err());
    }
}
