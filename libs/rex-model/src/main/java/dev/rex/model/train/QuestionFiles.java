package dev.rex.model.train;

import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.gqa.model.GqaQuestion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The question rows training reads, from rex-gqa's streaming {@link QuestionReader} (one question in memory at a
 * time: the train file holds ~943k questions), with {@code types.detailed}, the unit of the transfer subsets.
 */
public final class QuestionFiles {
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

    /** Calls {@code sink} for every question of the file, in file order; a malformed question stops with its qid. */
    public static void stream(Path file, Consumer<QuestionRow> sink) throws IOException {
        try (QuestionReader reader = new QuestionReader(file, true)) {
            while (reader.hasNext()) {
                QuestionEntry e = reader.next();
                if (!e.valid()) {
                    throw new IOException(file + ": " + e.problem() + "; repair the file or use GQA's own");
                }
                GqaQuestion q = e.question();
                sink.accept(new QuestionRow(q.qid(), q.question(), q.imageId(), q.answer(), q.detailedType()));
            }
        }
    }
}
