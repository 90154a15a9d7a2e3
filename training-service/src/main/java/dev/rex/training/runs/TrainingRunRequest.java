package dev.rex.training.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.model.train.InvalidTrainingConfigException;
import dev.rex.model.train.QuestionFiles;
import dev.rex.model.train.TrainingData;
import dev.rex.model.train.TrainMode;
import dev.rex.model.train.TrainingConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON body of {@code POST /api/training-runs}: the flags of {@code rex train} (same names, same meaning; paths
 * on the service's file system), {@code --out} excepted (the service writes under {@code REX_MODELS_DIR/runs/{id}}).
 * Absent optional fields take {@code rex train}'s defaults. Every problem is an {@link InvalidTrainingConfigException}
 * naming the field, which the REST layer answers with 400.
 *
 * @param modelName key of the {@code rex.models} events of the run; default {@code rex-<mode>}
 */
public record TrainingRunRequest(String questions, String data, String features, String config, String mode,
                                 Integer percentage, String init, Integer epochs, Integer batch, Double lr, Long seed,
                                 String modelName) {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Binds a request body; an unknown field or a value of the wrong type is reported by its JSON name. */
    public static TrainingRunRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidTrainingConfigException("body", "send a JSON object with questions, data, features, "
                    + "config and mode (and optionally percentage, init, epochs, batch, lr, seed, modelName)");
        }
        try {
            return STRICT.treeToValue(body, TrainingRunRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidTrainingConfigException(e.getPropertyName(), "unknown field; known fields are "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new InvalidTrainingConfigException(field.isEmpty() ? "body" : field, "wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidTrainingConfigException("body", e.getOriginalMessage());
        }
    }

    /**
     * Where a path of the request may point: resolves it inside the allowed folders or throws
     * {@link dev.rex.service.ConfinedPath.RefusedPathException} naming the field.
     */
    @FunctionalInterface
    public interface PathCheck {
        Path resolve(String field, String value);
    }

    /**
     * The training library's configuration for a run writing to {@code out}, checked field by field; every path
     * (questions, data, features, a config file, init) goes through {@code paths} before anything reads it.
     */
    public TrainingConfig toTrainingConfig(Path out, PathCheck paths) {
        TrainMode m;
        try {
            m = TrainMode.parse(required("mode", mode));
        } catch (InvalidTrainingConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidTrainingConfigException("mode", "unknown mode '" + mode + "'; use multitask, exp or vqa");
        }
        if (modelName != null && !modelName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new InvalidTrainingConfigException("modelName", "use 1-100 letters, digits, '.', '_' or '-'");
        }
        String model = required("config", config);
        if (!TrainingConfig.isPreset(model)) model = confined(paths, "config", model).toString();
        TrainingConfig c = TrainingConfig.defaults(confined(paths, "questions", required("questions", questions)),
                confined(paths, "data", required("data", data)),
                confined(paths, "features", required("features", features)), model, m, out);
        if (percentage != null) c = c.withPercentage(percentage);
        if (init != null) c = c.withInit(confined(paths, "init", init));
        if (epochs != null) c = c.withEpochs(epochs);
        if (batch != null) c = c.withBatch(batch);
        if (lr != null) c = c.withLr(lr);
        if (seed != null) c = c.withSeed(seed);
        return preflight(c.validate());
    }

    /**
     * The files a run reads first, checked before it is queued: a wrong folder is a 400 naming the field now, not a
     * FAILED run later. Content is still checked when the run reads it.
     */
    private static TrainingConfig preflight(TrainingConfig c) {
        for (String split : List.of(TrainingData.TRAIN, TrainingData.VAL)) {
            try {
                QuestionFiles.questionsFile(c.questions(), split);
            } catch (IllegalArgumentException e) {
                throw new InvalidTrainingConfigException("questions", e.getMessage());
            }
            Path explanations = c.data().resolve("converted_explanation_" + split + ".json");
            if (!Files.isRegularFile(explanations)) {
                throw new InvalidTrainingConfigException("data", "missing " + explanations + ": give a GQA-REX build "
                        + "folder (rex dataset build --out) holding converted_explanation_train.json and _val.json");
            }
        }
        try {
            FeatureStore.open(c.features());
        } catch (IllegalArgumentException e) {
            throw new InvalidTrainingConfigException("features", e.getMessage());
        }
        return c;
    }

    /** The {@code rex.models} key of the run's checkpoints. */
    public String modelNameOrDefault() {
        return modelName != null ? modelName : "rex-" + TrainMode.parse(mode).cliName();
    }

    /** The request as stored and shown (only the fields given). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() {
        return STRICT.convertValue(this, Map.class);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) throw new InvalidTrainingConfigException(field, "required");
        return value;
    }

    private static Path confined(PathCheck paths, String field, String value) {
        try {
            return paths.resolve(field, value);
        } catch (dev.rex.service.ConfinedPath.RefusedPathException e) {
            throw new InvalidTrainingConfigException(field, e.reason());
        }
    }
}
