package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** VQA accuracy per GQA question type ({@code types.structural}/{@code types.semantic}) of a questions file. */
final class AccuracyByType {
    private final Map<String, String> typeOf = new TreeMap<>();
    private final Map<String, String> answerOf = new TreeMap<>();

    AccuracyByType(Path questionsFile) throws IOException {
        JsonNode root = new ObjectMapper().readTree(questionsFile.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode types = e.getValue().path("types");
            typeOf.put(e.getKey(), types.path("structural").asText("?") + "/" + types.path("semantic").asText("?"));
            answerOf.put(e.getKey(), e.getValue().path("answer").asText());
        }
    }

    /** Prints "type  n  accuracy" for every type among the predicted questions. */
    void print(Map<String, String> predicted, PrintStream out) {
        Map<String, int[]> byType = new TreeMap<>();
        predicted.forEach((qid, answer) -> {
            String type = typeOf.get(qid);
            if (type == null) return;
            int[] c = byType.computeIfAbsent(type, t -> new int[2]);
            c[0]++;
            if (answer.equals(answerOf.get(qid))) c[1]++;
        });
        out.printf(Locale.ROOT, "%-16s %6s %9s%n", "type", "n", "VQA acc");
        byType.forEach((t, c) -> out.printf(Locale.ROOT, "%-16s %6d %9.4f%n", t, c[0], c[1] / (double) c[0]));
    }
}
