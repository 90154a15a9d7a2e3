package dev.rex.gqa.io;

import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.model.GqaQuestion;
import dev.rex.gqa.model.SceneGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadersTest {
    @Test
    void questionsStreamOneAtATimeAndInvalidOnesNameQidAndField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("q.json");
        Files.writeString(f, """
                {"1": {"imageId": "7", "question": "Is it red?", "answer": "yes", "entailed": ["2", "3"],
                       "types": {"structural": "verify"}, "annotations": {"question": {"2": "11"}},
                       "semantic": [{"operation": "select", "argument": "cup (11)", "dependencies": []},
                                    {"operation": "verify color", "argument": "red", "dependencies": [0]}]},
                 "2": {"question": "no image", "answer": "x", "semantic": []},
                 "3": {"imageId": "7", "answer": "x", "semantic": [{"operation": "select", "dependencies": []}]},
                 "4": {"imageId": "7", "answer": "x", "semantic": [{"operation": "select", "argument": "a",
                        "dependencies": ["0"]}]},
                 "5": []}
                """);
        List<QuestionEntry> all = new ArrayList<>();
        try (QuestionReader r = new QuestionReader(f)) {
            r.forEachRemaining(all::add);
        }
        assertEquals(5, all.size());
        GqaQuestion q = all.get(0).question();
        assertEquals("7", q.imageId());
        assertEquals(2, q.semantic().size());
        assertEquals(List.of(0), q.semantic().get(1).dependencies());
        assertEquals("11", q.annotations().question().get("2"));
        assertEquals("question 2: field 'imageId' is missing", all.get(1).problem());
        assertTrue(all.get(2).valid(), "a missing argument is the abstraction's business");
        assertEquals(null, all.get(2).question().semantic().get(0).argument());
        assertTrue(all.get(3).problem().contains("semantic[0].dependencies"), all.get(3).problem());
        assertFalse(all.get(4).valid());
    }

    @Test
    void aFileThatIsNotJsonSaysWhereItBroke(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"1\": {\"imageId\": \"7\",, }");
        GqaFormatException e = assertThrows(GqaFormatException.class, () -> {
            try (QuestionReader r = new QuestionReader(f)) {
                r.forEachRemaining(x -> { });
            }
        });
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("byte"), e.getMessage());
        Files.writeString(f, "[1, 2]");
        assertThrows(GqaFormatException.class, () -> new QuestionReader(f));
    }

    @Test
    void sceneGraphsByImageWithABoundedCache(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sg.json");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("{");
            for (int i = 0; i < 50; i++) {
                if (i > 0) w.write(",");
                w.write("\"" + i + "\": {\"width\": 100, \"height\": 50, \"objects\": {\"" + (1000 + i)
                        + "\": {\"name\": \"o" + i + "\", \"x\": " + i + ", \"y\": 2, \"w\": 3.5, \"h\": 4,"
                        + " \"attributes\": [\"a\"], \"relations\": [{\"name\": \"on\", \"object\": \"9\"}]}}}");
            }
            w.write(", \"bad\": {\"width\": 1, \"height\": 1, \"objects\": {\"5\": {\"name\": \"x\", \"y\": 1,"
                    + " \"w\": 1, \"h\": 1}}}}");
        }
        try (SceneGraphIndex index = new SceneGraphIndex(f, 4)) {
            assertEquals(51, index.size());
            SceneGraph g = index.get("37");
            assertEquals("o37", g.object("1037").name());
            assertEquals(37.0, g.object("1037").x());
            assertFalse(g.object("1037").integralBox()); // w is 3.5
            assertEquals("9", g.object("1037").relations().get(0).object());
            assertSame(g, index.get("37"));
            for (int i = 0; i < 10; i++) index.get(String.valueOf(i));
            assertNotSame(g, index.get("37")); // evicted, read again from the file
            RejectedException missing = assertThrows(RejectedException.class, () -> index.get("nope"));
            assertEquals(RejectionCode.MISSING_SCENE_GRAPH, missing.code());
            RejectedException bad = assertThrows(RejectedException.class, () -> index.get("bad"));
            assertEquals(RejectionCode.INVALID_SCENE_GRAPH, bad.code());
            assertTrue(bad.detail().contains("image bad") && bad.detail().contains("objects.5.x"), bad.detail());
        }
    }
}
