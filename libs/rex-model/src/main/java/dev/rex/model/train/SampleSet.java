package dev.rex.model.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The questions of one split turned into {@link Sample}s with dataloader.py's rules.
 * <p>Training ({@code training = true}): questions over {@code maxQuestionWords} words, with an answer outside
 * ans2idx, or with an explanation over {@code steps} tokens are skipped; a question without an explanation gets
 * the end-only target. Evaluation: every question is kept (its answer may be unknown: it then counts as wrong).
 * Every skip is counted by reason.
 */
public final class SampleSet {
    /** max_qlen of main.py. */
    public static final int MAX_QUESTION_WORDS = 18;
    /** max_exp_len / num_step of main.py. */
    public static final int STEPS = 12;

    private final List<Sample> samples;
    private final Map<SkipReason, Integer> skipped;

    private SampleSet(List<Sample> samples, Map<SkipReason, Integer> skipped) {
        this.samples = Collections.unmodifiableList(samples);
        this.skipped = Collections.unmodifiableMap(skipped);
    }

    public List<Sample> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    /** Skipped questions per reason (reasons with no skip are absent). */
    public Map<SkipReason, Integer> skipped() {
        return skipped;
    }

    /** Builds a sample set incrementally, question by question, as the questions file is streamed. */
    public static final class Builder {
        private final Dictionaries dictionaries;
        private final Map<String, String> explanations;
        private final boolean training;
        private final Set<String> subset;
        private final Predicate<String> hasFeatures;
        private final List<Sample> samples = new ArrayList<>();
        private final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);

        /**
         * @param explanations qid → converted explanation of the split (questions absent from it have none)
         * @param subset       the qids to keep (transfer subsets), or null for all
         * @param hasFeatures  imageId → whether the feature store holds it
         */
        public Builder(Dictionaries dictionaries, Map<String, String> explanations, boolean training,
                       Set<String> subset, Predicate<String> hasFeatures) {
            this.dictionaries = dictionaries;
            this.explanations = explanations;
            this.training = training;
            this.subset = subset;
            this.hasFeatures = hasFeatures;
        }

        public void accept(QuestionRow q) {
            if (subset != null && !subset.contains(q.qid())) {
                skip(SkipReason.NOT_IN_SUBSET);
                return;
            }
            String question = TrainingText.cleanQuestion(q.question() == null ? "" : q.question());
            if (training && TrainingText.questionWords(question) > MAX_QUESTION_WORDS) {
                skip(SkipReason.QUESTION_TOO_LONG);
                return;
            }
            String answer = q.answer() == null ? null : TrainingText.convertAnswer(q.answer());
            Integer answerIndex = answer == null ? null : dictionaries.ans2idx().get(answer);
            if (training && answerIndex == null) {
                skip(SkipReason.ANSWER_NOT_IN_DICTIONARY);
                return;
            }
            String reference = explanations.getOrDefault(q.qid(), "");
            int[] words = new int[0];
            if (training) {
                List<String> tokens = TrainingText.explanationWords(reference);
                words = new int[tokens.size()];
                for (int i = 0; i < words.length; i++) {
                    Integer idx = dictionaries.exp2idx().get(tokens.get(i));
                    if (idx == null) {
                        skip(SkipReason.WORD_NOT_IN_DICTIONARY);
                        return;
                    }
                    words[i] = idx;
                }
                if (words.length > STEPS) {
                    skip(SkipReason.EXPLANATION_TOO_LONG);
                    return;
                }
            }
            if (!hasFeatures.test(q.imageId())) {
                skip(SkipReason.FEATURES_MISSING);
                return;
            }
            samples.add(new Sample(q.qid(), q.imageId(), question, answer, answerIndex == null ? -1 : answerIndex,
                    words, reference));
        }

        private void skip(SkipReason reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        /** Samples accepted so far. */
        public int size() {
            return samples.size();
        }

        public SampleSet build() {
            return new SampleSet(samples, skipped);
        }
    }
}
