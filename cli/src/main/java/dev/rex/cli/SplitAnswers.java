package dev.rex.cli;

import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.features.ImageFeatures;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import dev.rex.model.infer.Answer;
import dev.rex.model.infer.Question;
import dev.rex.model.infer.QuestionAnswerer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's greedy answers and explanations for a stream of questions, in batches, with a progress bar: what
 * {@code rex eval} scores and {@code rex submission} writes. Questions whose image has no features are counted and
 * skipped.
 */
final class SplitAnswers {
    /** A question to answer: its qid, image and text. */
    record Asked(String qid, String imageId, String question) {
    }

    /** qid → answer in question order, and how many questions had no features. */
    record Result(Map<String, Answer> answers, int noFeatures, double seconds) {
    }

    /** Something that yields questions and says how far it got (for the progress bar). */
    interface Source extends Iterator<Asked> {
        long bytesRead();

        long size();
    }

    private SplitAnswers() {
    }

    static Result answer(Path checkpoint, FeatureStore store, Source questions, int batch, String label)
            throws IOException {
        Map<String, Answer> answers = new LinkedHashMap<>();
        int noFeatures = 0;
        long start = System.nanoTime();
        try (RexModel model = RexCheckpoint.load(checkpoint); QuestionAnswerer answerer = new QuestionAnswerer(model);
             ProgressBar bar = new ProgressBar(label, questions.size())) {
            List<String> qids = new ArrayList<>();
            List<Question> pending = new ArrayList<>();
            while (questions.hasNext()) {
                Asked q = questions.next();
                if (!store.contains(q.imageId())) {
                    noFeatures++;
                    continue;
                }
                qids.add(q.qid());
                ImageFeatures regions = store.get(q.imageId());
                pending.add(new Question(q.question(), regions.features(), regions.boxes()));
                if (pending.size() == batch) {
                    flush(answerer, qids, pending, answers);
                    bar.update(questions.bytesRead(), answers.size() + " questions");
                }
            }
            flush(answerer, qids, pending, answers);
            bar.update(questions.size(), answers.size() + " questions");
        }
        return new Result(answers, noFeatures, (System.nanoTime() - start) / 1e9);
    }

    private static void flush(QuestionAnswerer answerer, List<String> qids, List<Question> pending,
                              Map<String, Answer> answers) throws IOException {
        if (pending.isEmpty()) return;
        List<Answer> out = answerer.answer(pending);
        for (int i = 0; i < out.size(); i++) answers.put(qids.get(i), out.get(i));
        qids.clear();
        pending.clear();
    }
}
