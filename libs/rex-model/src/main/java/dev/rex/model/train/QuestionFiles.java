package dev.rex.model.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams {@code {split}_balanced_questions.json} (qid → question object) one question at a time: the train file
 * holds ~943k questions and is never read whole. Training reads its own rows because it needs
 * {@code types.detailed} (the unit of the transfer subsets), which rex-gqa's {@code GqaQuestion} does not carry.
 */
public final class QuestionFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuestionFiles() {
    }

    /** {@code DIR/{split}_balanced_questions.json}, with a message naming the flag when it is missing. */
    public static Path questionsFile(Path questionsDir, String split) {
        Path file = questionsDir.resolve(split + "_balanced_questions.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing " + file + ": --questions must be a folder holding "
                    + split + "_balanced_questions.json (GQA format)");
        }
        return file;
    }

    /** Calls {@code sink} for every question of the file, in file order. */
    public static void stream(Path file, Consumer<QuestionRow> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = new JsonFactory(JSON).createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": expected a JSON object qid → question");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String qid = p.currentName();
                p.nextToken();
                JsonNode q = p.readValueAsTree();
                sink.accept(new QuestionRow(qid, text(q, "question"), text(q, "imageId"), text(q, "answer"),
                        q.path("types").path("detailed").isTextual() ? q.path("types").path("detailed").asText() : null));
            }
        }
    }

    private static String text(JsonNode q, String field) {
        JsonNode n = q.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
