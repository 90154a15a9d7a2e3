package dev.rex.gqa.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one question reader in the chain's mode (program required) and in training's (question rows only). */
class QuestionReaderModesTest {
    @Test
    void trainingModeTakesQuestionsWithoutProgramAndKeepsTheDetailedType(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("q.json"), "{\"q1\": {\"imageId\": \"i1\", \"question\": \"Is it red?\","
                + " \"types\": {\"structural\": \"verify\", \"detailed\": \"verifyAttr\"}}}");
        try (QuestionReader chain = new QuestionReader(f, true)) {
            QuestionEntry e = chain.next();
            assertFalse(e.valid());
            assertTrue(e.problem().contains("semantic"), e.problem());
        }
        try (QuestionReader training = new QuestionReader(f, true, false)) {
            QuestionEntry e = training.next();
            assertTrue(e.valid(), String.valueOf(e.problem()));
            assertEquals("verifyAttr", e.question().detailedType());
            assertEquals("Is it red?", e.question().question());
            assertNull(e.question().answer());
            assertFalse(training.hasNext());
        }
    }
}
