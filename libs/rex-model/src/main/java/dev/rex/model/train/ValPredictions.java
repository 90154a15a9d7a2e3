package dev.rex.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code val-predictions.json} of an epoch checkpoint: qid → {answer, explanation} as the validation decoded them,
 * so that a run's metrics can be inspected and recomputed (e.g. by {@code rex metrics}) question by question.
 */
final class ValPredictions {
    static final String FILE = "val-predictions.json";

    private ValPredictions() {
    }

    static void write(Path dir, Validation.Result r) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        r.explanations().forEach((qid, exp) -> {
            Map<String, String> row = new LinkedHashMap<>();
            String answer = r.answers().get(qid);
            if (answer != null) row.put("answer", answer);
            row.put("explanation", exp);
            out.put(qid, row);
        });
        new ObjectMapper().writeValue(dir.resolve(FILE).toFile(), out);
    }
}
