package dev.rex.training.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.model.train.InvalidTrainingConfigException;
import dev.rex.model.train.TrainMode;
import dev.rex.model.train.TrainingConfig;
import dev.rex.service.ConfinedPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Binding and checking the POST body, without the service: every problem names its field. */
class TrainingRunRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String body(String extra) throws Exception {
        for (String split : new String[]{"train", "val"}) {
            Files.writeString(Files.createDirectories(dir.resolve("q")).resolve(split + "_balanced_questions.json"), "{}");
            Files.writeString(Files.createDirectories(dir.resolve("d")).resolve("converted_explanation_" + split + ".json"), "{}");
        }
        Files.createDirectories(dir.resolve("f/boxes"));
        Files.createDirectories(dir.resolve("f/features"));
        return "{\"questions\": \"" + dir.resolve("q") + "\", \"data\": \"" + dir.resolve("d") + "\", \"features\": \""
                + dir.resolve("f") + "\", \"config\": \"tiny\", \"mode\": \"exp\"" + extra + "}";
    }

    private TrainingConfig config(String json) throws Exception {
        return TrainingRunRequest.parse(JSON.readTree(json)).toTrainingConfig(dir.resolve("out"),
                (field, value) -> ConfinedPath.resolve(field, value, List.of(dir), "the test's roots"));
    }

    private void assertField(String field, String json) {
        InvalidTrainingConfigException e = assertThrows(InvalidTrainingConfigException.class, () -> config(json));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void pathsOutsideTheRootsAreRefusedByFieldBeforeAnythingIsRead() throws Exception {
        body("");
        assertField("questions", "{\"questions\": \"/etc\", \"data\": \"" + dir.resolve("d") + "\", \"features\": \""
                + dir.resolve("f") + "\", \"config\": \"tiny\", \"mode\": \"exp\"}");
        assertField("data", "{\"questions\": \"q\", \"data\": \"../../etc\", \"features\": \"f\", "
                + "\"config\": \"tiny\", \"mode\": \"exp\"}");
        assertField("config", body(", \"config\": \"/etc/passwd\"").replace("\"config\": \"tiny\", ", ""));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));
        assertField("features", "{\"questions\": \"q\", \"data\": \"d\", \"features\": \"link\", "
                + "\"config\": \"tiny\", \"mode\": \"exp\"}");
        // inside the roots, relative to the first
        assertEquals(dir.resolve("q").toRealPath(), config("{\"questions\": \"q\", \"data\": \"d\", "
                + "\"features\": \"f\", \"config\": \"tiny\", \"mode\": \"exp\"}").questions());
    }

    @Test
    void absentOptionalFieldsTakeTheDefaultsOfRexTrain() throws Exception {
        TrainingConfig c = config(body(""));
        assertEquals(TrainMode.EXP, c.mode());
        assertEquals(TrainingConfig.DEFAULT_EPOCHS, c.epochs());
        assertEquals(TrainingConfig.DEFAULT_BATCH, c.batch());
        assertEquals(TrainMode.EXP.defaultLr(), c.initialLr());
        assertEquals(dir.resolve("out"), c.out());
        TrainingRunRequest r = TrainingRunRequest.parse(JSON.readTree(body("")));
        assertEquals("rex-exp", r.modelNameOrDefault());
        assertNull(r.asMap().get("epochs"), "only the fields given are stored");
    }

    @Test
    void givenFieldsOverrideTheDefaults() throws Exception {
        TrainingConfig c = config(body(", \"epochs\": 3, \"batch\": 16, \"lr\": 0.002, \"seed\": 9"));
        assertEquals(3, c.epochs());
        assertEquals(16, c.batch());
        assertEquals(0.002, c.initialLr());
        assertEquals(9, c.seed());
    }

    @Test
    void everyProblemNamesItsField() throws Exception {
        assertField("epochs", body(", \"epochs\": 0"));
        assertField("epochs", body(", \"epochs\": 1.5"));
        assertField("batch", body(", \"batch\": \"many\""));
        assertField("learningRate", body(", \"learningRate\": 1e-3"));
        assertField("lr", body(", \"lr\": 0"));
        assertField("percentage", body(", \"percentage\": 10"));
        assertField("modelName", body(", \"modelName\": \"no spaces please\""));
        assertField("mode", body("").replace("\"exp\"", "\"joint\""));
        assertField("mode", body("").replace(", \"mode\": \"exp\"", ""));
        assertField("config", body("").replace("\"tiny\"", "\"/no/such/config.json\""));
        assertField("features", body("").replace(dir.resolve("f").toString(), dir.resolve("none").toString()));
        String good = body("");
        Files.delete(dir.resolve("q/val_balanced_questions.json"));
        assertField("questions", good);
        body("");
        Files.delete(dir.resolve("d/converted_explanation_train.json"));
        assertField("data", good);
        body("");
        Files.delete(dir.resolve("f/boxes"));
        assertField("features", good);
        JsonNode array = JSON.readTree("[1, 2]");
        assertEquals("body", assertThrows(InvalidTrainingConfigException.class, () -> TrainingRunRequest.parse(array)).field());
    }
}
