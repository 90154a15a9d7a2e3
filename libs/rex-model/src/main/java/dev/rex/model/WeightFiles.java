package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rex.model.torch.TorchFile;
import dev.rex.model.torch.TorchTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named weights from any file users receive: {@code .safetensors}, {@code .npz}, or a pickled PyTorch state dict
 * ({@code .pth}/{@code .bin}, zip or legacy format, read by {@link TorchFile} without running code). The format is
 * told by the content, not the name.
 */
public final class WeightFiles {
    /** File names looked for in a directory, in this order (HuggingFace's, then ours). */
    private static final List<String> DIRECTORY_FILES = List.of(RexCheckpoint.WEIGHTS, "pytorch_model.bin",
            "model_best.pth");

    private WeightFiles() {
    }

    /** The tensors of {@code file}, in its order, created in {@code manager}. */
    public static Map<String, NDArray> read(NDManager manager, Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        if (TorchFile.isTorchFile(file)) {
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (Map.Entry<String, TorchTensor> e : TorchFile.read(file).entrySet()) {
                NDArray a = e.getValue().toNDArray(manager);
                a.setName(e.getKey());
                out.put(e.getKey(), a);
            }
            return out;
        }
        return NamedArrays.asMap(NamedArrays.read(manager, file));
    }

    /**
     * The weights file of a directory: {@code model.safetensors}, {@code pytorch_model.bin}, {@code model_best.pth},
     * else its only {@code .pth}/{@code .bin} file.
     */
    public static Path inDirectory(Path dir) throws IOException {
        for (String name : DIRECTORY_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) return dir.resolve(name);
        }
        List<Path> candidates = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(p -> p.toString().endsWith(".pth") || p.toString().endsWith(".bin"))
                    .filter(Files::isRegularFile).sorted().forEach(candidates::add);
        }
        if (candidates.size() == 1) return candidates.get(0);
        throw new IllegalArgumentException(dir + " holds " + (candidates.isEmpty() ? "no" : "several")
                + " weights file(s): expected " + String.join(", ", DIRECTORY_FILES) + " or a single .pth/.bin"
                + (candidates.isEmpty() ? "" : " (found " + candidates + ")"));
    }
}
