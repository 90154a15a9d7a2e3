package dev.rex.gqa.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.ground.IouMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gqa-crash}: one question per input on which the original chain stops with an exception (each checked
 * against the original, one question at a time: the exception is in the comment), mixed with two good questions.
 * Each gets its rejection code and a detail; the good ones come out as the original writes them alone.
 */
class CrashCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCrashOfTheOriginalIsARejectionAndTheRestComesOut(@TempDir Path out) throws IOException {
        BuildReport report = MiniCorpusTest.build("gqa-crash", out, IouMode.REFERENCE, 1);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("c01", "UNKNOWN_OPERATION");     // KeyError: 'frobnicate'
        expected.put("c02", "MALFORMED_ARGUMENT");    // IndexError (argument.split(',')[1])
        expected.put("c03", "NO_COMMON_ATTRIBUTE");   // UnboundLocalError: common_attr
        expected.put("c04", "NO_CATEGORY_ATTRIBUTE"); // UnboundLocalError: flag_same
        expected.put("c05", "NO_CATEGORY_ATTRIBUTE"); // ValueError: np.random.choice on an empty list
        expected.put("c06", "PARTIAL_VERIFY");        // TypeError: ', while '.join(a, b)
        expected.put("c07", "NO_MATCHING_CHOICE");    // AttributeError: None.replace
        expected.put("c08", "MISSING_OBJECT");        // KeyError: '999'
        expected.put("c09", "UNGROUNDED_OBJECT");     // UnboundLocalError: select_obj
        expected.put("c10", "MISSING_SCENE_GRAPH");   // KeyError: '8888'
        expected.put("c12", "CYCLIC_PROGRAM");        // RecursionError
        expected.put("c13", "MISSING_DEPENDENCY");    // IndexError (semantic[5])
        expected.put("c14", "INVALID_QUESTION");      // KeyError: 'imageId'
        expected.put("c16", "SHORT_EXPLANATION");     // IndexError (cur_exp[-2])
        expected.put("c17", "BAD_POSITION");          // ValueError: float('red')
        expected.put("c20", "BAD_NOT_ATTRIBUTE");     // IndexError (findall(...)[0])
        expected.put("c21", "MISSING_DEPENDENCY");    // IndexError (dependencies[1])
        JsonNode train = JSON.readTree(out.resolve("rejected_train.json").toFile());
        JsonNode val = JSON.readTree(out.resolve("rejected_val.json").toFile());
        expected.forEach((qid, code) -> {
            JsonNode r = train.get(qid);
            assertTrue(r != null, qid + " not rejected");
            assertEquals(code, r.get("code").asText(), qid + ": " + r);
            assertFalse(r.get("detail").asText().isBlank());
            assertFalse(r.get("stage").asText().isBlank());
        });
        assertEquals(expected.size(), train.size());
        assertEquals("MISSING_BOXES", val.get("c11").get("code").asText());   // FileNotFoundError
        assertEquals("ZERO_IMAGE_SIZE", val.get("c18").get("code").asText()); // ZeroDivisionError
        assertEquals("grounding", val.get("c11").get("stage").asText());
        assertEquals(2, val.size());

        assertEquals("#0 wearing #7 is man",
                JSON.readTree(out.resolve("converted_explanation_train.json").toFile()).get("ok1").asText());
        assertEquals("#12 is kite",
                JSON.readTree(out.resolve("converted_explanation_val.json").toFile()).get("ok2").asText());
        assertEquals(19, report.splits().get("train").rejected() + report.splits().get("val").rejected());
        // a rejected question leaves no trace in the later stages' files
        JsonNode raw = JSON.readTree(out.resolve("raw_explanation_train.json").toFile());
        assertFalse(raw.has("c06"));
        assertTrue(JSON.readTree(out.resolve("processed_explanation_val.json").toFile()).has("c11"),
                "c11 fails in grounding, after post-processing wrote it");
    }
}
