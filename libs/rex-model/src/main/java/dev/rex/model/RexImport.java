package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rex model import}: a REX network's weights as users receive them (the original's {@code model_best.pth},
 * any {@link WeightFiles} format) turned into a checkpoint directory. The sizes the tensors show
 * ({@code vocab_size}, {@code nb_answer}, {@code nb_vocab}, whether the structure gate is there) complete the
 * preset or config file; a config that states another size is an error, and so is every tensor shape that does
 * not fit it.
 */
public final class RexImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RexImport() {
    }

    /** Dictionary files given with the weights (all three, or none). */
    public record DictionaryFiles(Path answers, Path explanations, Path vocab) {
    }

    /** What was imported: the weights file read and the configuration written. */
    public record Result(Path weights, RexConfig config, int tensors, List<String> skipped) {
    }

    public static Result run(Path from, String config, DictionaryFiles dictionaries, Path out) throws IOException {
        Path weights = Files.isDirectory(from) ? WeightFiles.inDirectory(from) : from;
        if (!Files.isRegularFile(weights)) throw new IllegalArgumentException("--from: no such file or folder: " + from);
        RexDictionaries dict = dictionaries == null ? null : readDictionaries(dictionaries);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = WeightFiles.read(m, weights);
            Map<String, NDArray> byName = new LinkedHashMap<>();
            tensors.forEach((k, v) -> ParameterNames.canonical(k).ifPresent(n -> byName.put(n, v)));
            if (!byName.containsKey("language_fc.weight") || !byName.containsKey("ans_cls.weight")) {
                throw new IllegalArgumentException("--from: " + weights + " holds no REX decoder (no language_fc/"
                        + "ans_cls tensors): a VisualBERT backbone starts a training with 'rex train --init' instead");
            }
            RexConfig c = resolve(config, sizes(byName));
            try (RexModel rex = RexModel.create(c, 0)) {
                RexModel.LoadReport report;
                try {
                    report = rex.load(tensors, false);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(weights + " does not fit --config " + config + ": "
                            + e.getMessage(), e);
                }
                rex.setDictionaries(dict);
                RexCheckpoint.save(rex, out);
                return new Result(weights, c, report.loaded().size(), report.skipped());
            }
        }
    }

    /** vocab_size, nb_answer, nb_vocab and use_structure as the tensors show them. */
    private static Map<String, Object> sizes(Map<String, NDArray> byName) {
        Map<String, Object> s = new LinkedHashMap<>();
        Optional.ofNullable(byName.get("embeddings.word_embeddings.weight"))
                .ifPresent(a -> s.put("vocab_size", (int) a.getShape().get(0)));
        s.put("nb_answer", (int) byName.get("ans_cls.weight").getShape().get(0));
        s.put("nb_vocab", (int) byName.get("language_fc.weight").getShape().get(0) - 1);
        s.put("use_structure", byName.containsKey("structure_gate.weight"));
        return s;
    }

    private static RexConfig resolve(String config, Map<String, Object> sizes) throws IOException {
        if (config == null || config.isBlank()) {
            throw new IllegalArgumentException("--config: give tiny, small, base or a config.json file");
        }
        if (RexConfig.PRESETS.contains(config.toLowerCase(Locale.ROOT))) {
            if (!sizes.containsKey("vocab_size")) {
                throw new IllegalArgumentException("--from: the weights lack embeddings.word_embeddings.weight");
            }
            return RexConfig.preset(config, (int) sizes.get("vocab_size"), (int) sizes.get("nb_answer"),
                    (int) sizes.get("nb_vocab")).withUseStructure((boolean) sizes.get("use_structure"));
        }
        Path file = Path.of(config);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config: '" + config + "' is neither a preset (tiny, small, base) "
                    + "nor a file");
        }
        ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
        for (Map.Entry<String, Object> e : sizes.entrySet()) {
            String field = e.getKey();
            String shown = String.valueOf(e.getValue());
            if (node.has(field) && !node.get(field).asText().equals(shown)) {
                throw new IllegalArgumentException("--config: " + file + " says " + field + " " + node.get(field)
                        + " but the weights have " + shown + ": use the config the weights were trained with");
            }
            node.set(field, JSON.valueToTree(e.getValue()));
        }
        try {
            return JSON.treeToValue(node, RexConfig.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            throw new IllegalArgumentException("--config: " + file + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    private static RexDictionaries readDictionaries(DictionaryFiles f) throws IOException {
        TypeReference<LinkedHashMap<String, Integer>> type = new TypeReference<>() { };
        for (Map.Entry<String, Path> e : Map.of("--answers", f.answers(), "--explanations", f.explanations(),
                "--vocab", f.vocab()).entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new IllegalArgumentException(e.getKey() + ": no such file: " + e.getValue());
            }
        }
        return new RexDictionaries(JSON.readValue(f.explanations().toFile(), type),
                JSON.readValue(f.answers().toFile(), type), Files.readAllLines(f.vocab(), StandardCharsets.UTF_8));
    }
}
