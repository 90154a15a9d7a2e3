package dev.rex.model.train;

import ai.djl.ndarray.NDScope;
import dev.rex.model.RexBatch;
import dev.rex.model.RexModel;
import dev.rex.model.RexOutput;
import dev.rex.model.RexPredictor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Validation as main.py's {@code test()} does it: greedy decoding of every val question (dropout off), the answer by
 * arg-max, the explanation by {@code construct_sentence} (words up to the first index 0, {@code EMPTY} when none).
 * Metrics: {@code vqa_accuracy} (exact match with the converted answer; unknown answers count as wrong),
 * {@code bleu_4} and {@code cider} (REX conventions, {@link ExplanationScores}) and {@code token_accuracy}: the share
 * of reference steps (words and the end token, within the 12 decoder steps) where the greedy word equals the
 * reference word, over the questions whose explanation the dictionary covers.
 */
public final class Validation {
    /** construct_sentence's placeholder for an empty prediction. */
    public static final String EMPTY = "EMPTY";

    private final Dictionaries dictionaries;
    private final BatchAssembler assembler;
    private final int batchSize;
    private final boolean answers;
    private final ExplanationScores scores = new ExplanationScores();

    public Validation(Dictionaries dictionaries, BatchAssembler assembler, int batchSize, boolean answers) {
        this.dictionaries = dictionaries;
        this.assembler = assembler;
        this.batchSize = batchSize;
        this.answers = answers;
    }

    /** The result: metrics, and per qid the predicted answer and explanation (for grounding and reports). */
    public record Result(Map<String, Double> metrics, Map<String, String> answers, Map<String, String> explanations) {
    }

    public Result run(RexModel model, List<Sample> samples, IntConsumer progress) {
        String[] idx2exp = dictionaries.idx2exp();
        String[] idx2ans = dictionaries.idx2ans();
        Map<String, String> predictedAnswers = new LinkedHashMap<>();
        Map<String, String> explanations = new LinkedHashMap<>();
        Map<String, String> references = new LinkedHashMap<>();
        long correct = 0;
        long tokenHits = 0;
        long tokenTotal = 0;
        int steps = SampleSet.STEPS;
        try (RexPredictor predictor = model.newPredictor()) {
            for (int from = 0; from < samples.size(); from += batchSize) {
                List<Sample> chunk = samples.subList(from, Math.min(samples.size(), from + batchSize));
                RexBatch batch = assembler.evaluation(chunk);
                RexOutput out;
                // the forward's intermediates that DJL attaches to the parameters' manager outlive the
                // predictor's own manager; the scope closes them (the output is already plain Java arrays)
                try (NDScope scope = new NDScope()) {
                    out = predictor.predict(batch);
                }
                for (int i = 0; i < chunk.size(); i++) {
                    Sample s = chunk.get(i);
                    if (answers) {
                        int best = 0;
                        for (int a = 1; a < idx2ans.length; a++) {
                            if (out.answerProb(i, a) > out.answerProb(i, best)) best = a;
                        }
                        predictedAnswers.put(s.qid(), idx2ans[best]);
                        if (idx2ans[best].equals(s.answer())) correct++;
                    }
                    int[] greedy = out.argMaxWords(i);
                    explanations.put(s.qid(), sentence(greedy, idx2exp));
                    references.put(s.qid(), s.reference());
                    int[] ref = referenceIndices(s.reference());
                    if (ref != null && ref.length > 0) {
                        int counted = Math.min(ref.length + 1, steps);
                        for (int t = 0; t < counted; t++) {
                            int target = t < ref.length ? ref[t] : 0;
                            if (greedy[t] == target) tokenHits++;
                        }
                        tokenTotal += counted;
                    }
                }
                progress.accept(Math.min(samples.size(), from + batchSize));
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (answers) metrics.put("vqa_accuracy", samples.isEmpty() ? 0.0 : (double) correct / samples.size());
        metrics.put("token_accuracy", tokenTotal == 0 ? 0.0 : (double) tokenHits / tokenTotal);
        metrics.putAll(scores.score(references, explanations));
        return new Result(metrics, predictedAnswers, explanations);
    }

    /** Words up to the first end index, joined by spaces; {@link #EMPTY} when there is none. */
    public static String sentence(int[] indices, String[] idx2exp) {
        StringBuilder sb = new StringBuilder();
        for (int idx : indices) {
            if (idx == 0) break;
            if (sb.length() > 0) sb.append(' ');
            sb.append(idx2exp[idx]);
        }
        return sb.length() == 0 ? EMPTY : sb.toString();
    }

    /** The reference as indices, or null when a word is outside the dictionary (not scored for token accuracy). */
    private int[] referenceIndices(String reference) {
        List<String> words = TrainingText.explanationWords(reference);
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            Integer idx = dictionaries.exp2idx().get(words.get(i));
            if (idx == null) return null;
            out[i] = idx;
        }
        return out;
    }
}
