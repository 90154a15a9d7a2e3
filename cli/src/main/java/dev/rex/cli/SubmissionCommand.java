package dev.rex.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.features.FeatureStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rex submission}: a checkpoint's answers to a GQA question file as GQA's evaluation server and its
 * {@code eval.py} read them: {@code [{"questionId": "...", "prediction": "..."}]}, in the question file's order,
 * the answer as the model's answer vocabulary (GQA's answers) spells it.
 */
@Command(name = "submission", mixinStandardHelpOptions = true,
        description = {"Write GQA's submission file (test-standard, testdev or challenge) for a checkpoint.",
                "Every question of --questions answered by --checkpoint, as [{\"questionId\": ..., \"prediction\": ...}].",
                "Questions whose image has no features in --features are counted; the command then fails unless "
                        + "--allow-missing, since GQA's server expects every question."})
public final class SubmissionCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "checkpoint with dictionaries")
    Path checkpoint;

    @Option(names = "--questions", required = true, paramLabel = "FILE",
            description = "a GQA question file, e.g. submission_all_questions.json or testdev_balanced_questions.json")
    Path questions;

    @Option(names = "--features", required = true, paramLabel = "DIR", description = "feature store (features/, boxes/)")
    Path features;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the submission file to write")
    Path out;

    @Option(names = "--batch", defaultValue = "32", description = "questions per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--allow-missing", description = "write the file even when some images have no features")
    boolean allowMissing;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        if (!Files.isRegularFile(checkpoint.resolve("model.safetensors"))) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + " has no model.safetensors (give a folder "
                    + "written by rex train: epoch-NNN/ or best/)");
        }
        if (!Files.isRegularFile(questions)) {
            throw new IllegalArgumentException("--questions " + questions + " is not a file (give a GQA question file)");
        }
        if (!Files.isDirectory(features)) {
            throw new IllegalArgumentException("--features " + features + " is not a folder (give a feature store)");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out " + out + ": its folder does not exist");
        }
        SplitAnswers.Result r;
        try (SubmissionQuestions source = new SubmissionQuestions(questions)) {
            r = SplitAnswers.answer(checkpoint, FeatureStore.open(features), source, batch, "submission");
        }
        if (r.noFeatures() > 0 && !allowMissing) {
            throw new IllegalArgumentException(r.noFeatures() + " question(s) have no features in --features "
                    + features + ": GQA's server expects every question; import their features or pass --allow-missing");
        }
        write(r.answers(), out);
        System.out.printf(Locale.ROOT, "%d answers written to %s in %.1f s%s%n", r.answers().size(), out, r.seconds(),
                r.noFeatures() == 0 ? "" : "; " + r.noFeatures() + " questions without features left out");
        return 0;
    }

    /** Streams the array (test-standard has millions of questions), then moves the file into place. */
    static void write(Map<String, dev.rex.model.infer.Answer> answers, Path out) throws java.io.IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(tmp.toFile(), JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (Map.Entry<String, dev.rex.model.infer.Answer> e : answers.entrySet()) {
                g.writeStartObject();
                g.writeStringField("questionId", e.getKey());
                g.writeStringField("prediction", e.getValue().answer());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
