package dev.rex.gqa.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.build.QuestionFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A benchmark corpus: the questions of a small GQA-layout source ({@code question/}, {@code sceneGraphs/},
 * {@code boxes/}) replicated with new qids up to a given size, each copy in the split of its original (the split
 * follows the image). Scene graphs are copied; boxes are read from the source.
 */
public final class ReplicatedCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplicatedCorpus() {
    }

    /** Writes {@code dir/question/{split}_balanced_questions.json} and {@code dir/sceneGraphs/...}. */
    public static void write(Path source, Path dir, List<String> splits, int questions) throws IOException {
        Files.createDirectories(dir.resolve("question"));
        Files.createDirectories(dir.resolve("sceneGraphs"));
        List<String> splitOf = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        for (String split : splits) {
            JsonNode q = JSON.readTree(QuestionFiles.questions(source.resolve("question"), split, false).get(0).toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = q.fields(); it.hasNext(); ) {
                all.add(it.next());
                splitOf.add(split);
            }
            Files.copy(QuestionFiles.sceneGraphs(source.resolve("sceneGraphs"), split),
                    dir.resolve("sceneGraphs").resolve(split + "_sceneGraphs.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (all.isEmpty()) throw new IllegalArgumentException(source + " holds no questions to replicate");
        for (String split : splits) {
            try (JsonGenerator g = JSON.getFactory().createGenerator(
                    dir.resolve("question").resolve(split + "_balanced_questions.json").toFile(), JsonEncoding.UTF8)) {
                g.writeStartObject();
                for (int i = 0; i < questions; i++) {
                    int k = i % all.size();
                    if (!splitOf.get(k).equals(split)) continue;
                    g.writeFieldName(all.get(k).getKey() + "r" + (i / all.size()));
                    JSON.writeTree(g, all.get(k).getValue());
                }
                g.writeEndObject();
            }
        }
    }
}
