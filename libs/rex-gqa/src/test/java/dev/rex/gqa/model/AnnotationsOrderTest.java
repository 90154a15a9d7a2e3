package dev.rex.gqa.model;

import dev.rex.gqa.io.QuestionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The annotated objects keep file order (question, answer, fullAnswer; first appearance), whatever the JVM. */
class AnnotationsOrderTest {
    @Test
    void objectIdsFollowTheFileWithQuestionThenAnswerThenFullAnswer(@TempDir Path dir) throws IOException {
        // twelve question spans: enough that a hash-ordered copy would scramble them on most JVMs
        StringBuilder spans = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = Integer.toString(9_000_000 - 7919 * i);
            spans.append(i == 0 ? "" : ", ").append('"').append(i).append("\": \"").append(id).append('"');
            expected.add(id);
        }
        expected.add("55");
        expected.add("44");
        Path f = dir.resolve("q.json");
        Files.writeString(f, "{\"1\": {\"imageId\": \"7\", \"question\": \"q\", \"answer\": \"a\", \"fullAnswer\": \"f\","
                + " \"annotations\": {\"fullAnswer\": {\"0\": \"44\", \"1\": \"55\"}, \"answer\": {\"0\": \"55\"},"
                + " \"question\": {" + spans + "}},"
                + " \"semantic\": [{\"operation\": \"select\", \"argument\": \"x (1)\", \"dependencies\": []}]}}");
        try (QuestionReader r = new QuestionReader(f, true)) {
            GqaQuestion q = r.next().question();
            assertEquals(expected, q.annotations().objectIds());
            assertEquals(expected.subList(0, 12), List.copyOf(q.annotations().question().values()));
        }
    }
}
