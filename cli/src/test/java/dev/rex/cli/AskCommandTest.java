package dev.rex.cli;

import dev.rex.gqa.features.FeatureStoreWriter;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import dev.rex.model.infer.Answer;
import dev.rex.model.infer.Question;
import dev.rex.model.infer.QuestionAnswerer;
import dev.rex.model.infer.UntrainedCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex ask} on a tiny untrained checkpoint and a one-image feature store written here. */
class AskCommandTest {
    static final String QUESTION = "What color is the shirt?";

    @TempDir
    Path tmp;

    @Test
    void printsTheAnswerItsConfidenceTheExplanationAndTheRegionsBoxes() throws Exception {
        Path ckpt = tmp.resolve("ckpt");
        UntrainedCheckpoint.write(ckpt, "tiny", List.of(
                new UntrainedCheckpoint.Example(QUESTION, "red", "the shirt #3 is red"),
                new UntrainedCheckpoint.Example("Is the cup on the table?", "yes", "the cup #7 is on the table #12")), 4);
        Path store = tmp.resolve("features");
        float[] boxes = new float[36 * 4];
        for (int k = 0; k < 36; k++) {
            boxes[4 * k] = k;
            boxes[4 * k + 1] = 100 + k;
            boxes[4 * k + 2] = 50 + 2 * k;
            boxes[4 * k + 3] = 300 + k;
        }
        float[] features = new float[36 * 2048];
        Random rnd = new Random(9);
        for (int i = 0; i < features.length; i++) features[i] = rnd.nextFloat();
        try (FeatureStoreWriter w = new FeatureStoreWriter(store)) {
            w.writeArrays("img-1", boxes, features);
        }

        CliRun r = CliRun.of("ask", "--checkpoint", ckpt.toString(), "--features", store.toString(), "--image", "img-1",
                "--question", QUESTION);
        assertEquals(0, r.code(), r.err());

        Answer expected;
        try (RexModel model = RexCheckpoint.load(ckpt); QuestionAnswerer answerer = new QuestionAnswerer(model)) {
            expected = answerer.answer(new Question(QUESTION, features, boxes));
        }
        assertTrue(r.out().contains("answer: " + expected.answer() + "\n"), r.out());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "confidence: %.4f%n", expected.confidence())), r.out());
        assertTrue(r.out().contains("explanation: " + (expected.explanation().isEmpty() ? "(empty)"
                : expected.explanationText()) + "\n"), r.out());
        Matcher m = Pattern.compile("  #(\\d+) -> \\[([-0-9.]+), ([-0-9.]+), ([-0-9.]+), ([-0-9.]+)]").matcher(r.out());
        int lines = 0;
        while (m.find()) {
            int k = Integer.parseInt(m.group(1));
            assertTrue(k >= 0 && k < 36, m.group());
            for (int c = 0; c < 4; c++) {
                assertEquals(boxes[4 * k + c], Float.parseFloat(m.group(2 + c)), 1e-3, "box of #" + k);
            }
            lines++;
        }
        assertEquals(expected.regions().size(), lines, r.out());
        if (!expected.gateValues().isEmpty()) {
            assertTrue(r.out().contains("gate: "), r.out());
        }
    }

    @Test
    void aMissingCheckpointOrImageIsAClearUserError() throws Exception {
        Path store = tmp.resolve("features");
        try (FeatureStoreWriter w = new FeatureStoreWriter(store)) {
            w.writeArrays("img-1", new float[36 * 4], new float[36 * 2048]);
        }
        CliRun r = CliRun.of("ask", "--checkpoint", tmp.resolve("nope").toString(), "--features", store.toString(),
                "--image", "img-1", "--question", QUESTION);
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--checkpoint " + tmp.resolve("nope") + " does not exist"), r.err());

        r = CliRun.of("ask", "--checkpoint", tmp.resolve("nope").toString(), "--features", store.toString(),
                "--image", "img-404", "--question", QUESTION);
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--image img-404 is not in the feature store " + store), r.err());
        assertTrue(r.err().contains("--checkpoint " + tmp.resolve("nope")), "both problems at once: " + r.err());

        r = CliRun.of("ask", "--checkpoint", tmp.toString(), "--features", tmp.resolve("none").toString(),
                "--image", "img-1", "--question", QUESTION);
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--features " + tmp.resolve("none") + " does not exist"), r.err());
    }
}
