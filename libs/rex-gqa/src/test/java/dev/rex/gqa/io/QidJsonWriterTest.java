package dev.rex.gqa.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.semantics.AbstractStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QidJsonWriterTest {
    @Test
    void writesValidJsonForAnyText(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("o.json");
        String nasty = "quote \" backslash \\ tab \t nl \n ctl \u0001 é 漢 😀 lone \ud800 end";
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 20000; i++) longText.append("ab漢");
        try (QidJsonWriter w = new QidJsonWriter(f)) {
            w.string("a", nasty);
            w.string("long", longText.toString());
            w.integer("n", -7);
            w.program("p", List.of(AbstractStep.withObject("select", null, "obj:1,2", null),
                    AbstractStep.withDependencies("verify", "red|\"x\"", List.of(0), List.of(1, 2))));
            w.object("r", Map.of("code", "X"));
            w.strings("s", List.of("x", "ü"));
        }
        JsonNode n = new ObjectMapper().readTree(f.toFile());
        assertEquals(nasty.replace("\ud800", "\ufffd"), n.get("a").asText().replace("\ud800", "\ufffd"));
        assertEquals(longText.toString(), n.get("long").asText());
        assertEquals(-7, n.get("n").asInt());
        assertEquals("[[\"select\",-1,\"obj:1,2\",-1],[\"verify\",\"red|\\\"x\\\"\",[0],[1,2]]]", n.get("p").toString());
        assertEquals("X", n.get("r").get("code").asText());
        assertEquals("ü", n.get("s").get(1).asText());
    }
}
