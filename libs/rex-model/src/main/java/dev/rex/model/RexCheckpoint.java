package dev.rex.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint directory: {@code model.safetensors} (names: {@link ParameterNames}), {@code config.json}
 * ({@link RexConfig}), and the dictionaries {@code exp2idx.json}, {@code ans2idx.json}, {@code vocab.txt}.
 *
 * <p>The network needs only the weights and the config: a directory without the three dictionary files (such as
 * the shared fixture) loads with no dictionaries, and the forward pass ({@code rex model run}) works on indices.
 * Verbs that turn text into indices or back (training, {@code rex ask}) require them and say so. When the files
 * are present they must all be there and fit the config.
 */
public final class RexCheckpoint {
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";
    public static final String EXP2IDX = "exp2idx.json";
    public static final String ANS2IDX = "ans2idx.json";
    public static final String VOCAB = "vocab.txt";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RexCheckpoint() {
    }

    /**
     * Hex SHA-256 of the checkpoint's {@code model.safetensors}: what {@code rex.models} announces and a server
     * verifies before it loads the weights.
     */
    public static String weightsSha256(Path dir) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        try (java.io.InputStream in = Files.newInputStream(dir.resolve(WEIGHTS))) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    public static RexModel load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("checkpoint directory not found: " + dir);
        }
        for (String f : List.of(WEIGHTS, CONFIG)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new IllegalArgumentException("checkpoint " + dir + " lacks " + f);
            }
        }
        RexConfig config = RexConfig.read(dir.resolve(CONFIG));
        RexDictionaries dictionaries = readDictionaries(dir);
        Model model = RexNetworkFactory.newModel(config);
        RexModel rex = new RexModel(model, config, null);
        try {
            rex.setDictionaries(dictionaries);
            loadWeights(rex, dir.resolve(WEIGHTS), false);
            return rex;
        } catch (IOException | RuntimeException e) {
            rex.close();
            throw e;
        }
    }

    /**
     * Loads weights from a file into {@code rex} (safetensors, npz, or a pickled PyTorch state dict: see
     * {@link WeightFiles}): a full REX state dict (ours, or the original's naming) or, with {@code backboneOnly},
     * the VisualBERT backbone of a pretrained HuggingFace file.
     */
    public static RexModel.LoadReport loadWeights(RexModel rex, Path file, boolean backboneOnly)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = WeightFiles.read(manager, file);
            try {
                return rex.load(arrays, backboneOnly);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes the checkpoint (and the dictionaries when the model has them) into {@code dir}. */
    public static void save(RexModel rex, Path dir) throws IOException {
        Files.createDirectories(dir);
        saveWeights(rex, dir.resolve(WEIGHTS));
        rex.config().write(dir.resolve(CONFIG));
        if (rex.dictionaries().isPresent()) {
            RexDictionaries d = rex.dictionaries().get();
            JSON.writeValue(dir.resolve(EXP2IDX).toFile(), d.exp2idx());
            JSON.writeValue(dir.resolve(ANS2IDX).toFile(), d.ans2idx());
            Files.write(dir.resolve(VOCAB), d.vocab(), StandardCharsets.UTF_8);
        }
    }

    /** Writes every parameter of {@code rex} (checkpoint names, float32) to one safetensors file. */
    public static void saveWeights(RexModel rex, Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList out = new NDList();
            for (Map.Entry<String, Parameter> e : rex.parameters().entrySet()) {
                NDArray copy = e.getValue().getArray().duplicate();
                copy.attach(manager);
                copy.setName(e.getKey());
                out.add(copy);
            }
            NamedArrays.writeSafetensors(out, file);
        }
    }

    private static RexDictionaries readDictionaries(Path dir) throws IOException {
        List<String> files = List.of(EXP2IDX, ANS2IDX, VOCAB);
        long present = files.stream().filter(f -> Files.isRegularFile(dir.resolve(f))).count();
        if (present == 0) {
            return null;
        }
        if (present < files.size()) {
            throw new IllegalArgumentException("checkpoint " + dir + " has only some of " + files
                    + ": give all three or none");
        }
        TypeReference<LinkedHashMap<String, Integer>> type = new TypeReference<>() { };
        return new RexDictionaries(JSON.readValue(dir.resolve(EXP2IDX).toFile(), type),
                JSON.readValue(dir.resolve(ANS2IDX).toFile(), type),
                Files.readAllLines(dir.resolve(VOCAB), StandardCharsets.UTF_8));
    }
}
