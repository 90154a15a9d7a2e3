package dev.rex.model.infer;

import dev.rex.model.RexBatch;
import dev.rex.model.RexConfig;
import dev.rex.model.RexDictionaries;
import dev.rex.model.RexModel;
import dev.rex.model.RexOutput;
import dev.rex.model.RexPredictor;
import dev.rex.model.text.WordPieceTokenizer;
import dev.rex.model.train.BatchAssembler;
import dev.rex.model.train.Dictionaries;
import dev.rex.model.train.FeatureSource;
import dev.rex.model.train.QuestionEncoder;
import dev.rex.model.train.RunTokenization;
import dev.rex.model.train.Sample;
import dev.rex.model.train.TorchGradMode;
import dev.rex.model.train.TrainingText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers and explains questions with a loaded checkpoint, exactly as REX's evaluation does: the question cleaned and
 * BERT-tokenized as in training ({@link TrainingText#cleanQuestion}, {@link RunTokenization#encoder()}), cut or
 * padded to {@link BatchAssembler#EVAL_SEQ_LEN} by the training's own {@link BatchAssembler}; one greedy forward pass;
 * the answer by arg-max of the answer softmax (its probability is the confidence); the explanation by the decoder's
 * greedy words up to the first end index 0 (as {@code Validation.sentence}); every {@code #k} word grounded to region
 * k and its box; the structure gate at each decoded step.
 *
 * <p>Not thread-safe: it owns one {@link RexPredictor}. Create one per worker thread from a shared {@link RexModel}
 * (the weights are shared, read-only) and close it when the thread is done; the model outlives its answerers.
 */
public final class QuestionAnswerer implements AutoCloseable {
    public static final int REGIONS = FeatureSource.REGIONS;
    public static final int FEATURE_DIM = FeatureSource.FEATURE_DIM;
    public static final int BOX_DIM = 4;

    private final RexPredictor predictor;
    private final QuestionEncoder encoder;
    private final int steps;
    private final String[] idx2exp;
    private final String[] idx2ans;
    /** region index k of each explanation index whose word is {@code #k}; -1 for the others. */
    private final int[] regionOfIndex;

    public QuestionAnswerer(RexModel model) {
        RexConfig c = model.config();
        if (c.numRoi() != REGIONS || c.visualEmbeddingDim() != FEATURE_DIM) {
            throw new IllegalArgumentException("this checkpoint expects " + c.numRoi() + " regions of "
                    + c.visualEmbeddingDim() + " features; the feature store holds " + REGIONS + " x " + FEATURE_DIM);
        }
        RexDictionaries d = model.dictionaries().orElseThrow(() -> new IllegalArgumentException(
                "the checkpoint has no dictionaries (exp2idx.json, ans2idx.json, vocab.txt): answering a question "
                        + "needs them to encode the text and to decode answers and explanations"));
        Dictionaries dict = new Dictionaries(d.exp2idx(), d.ans2idx());
        this.idx2exp = dict.idx2exp();
        this.idx2ans = dict.idx2ans();
        this.regionOfIndex = regionIndices(idx2exp);
        this.encoder = new RunTokenization(new WordPieceTokenizer(d.vocab()), "checkpoint").encoder();
        this.steps = c.numStep();
        this.predictor = model.newPredictor();
    }

    /** One answer, as {@link #answer(List)} of a single question. */
    public Answer answer(Question question) {
        return answer(List.of(question)).get(0);
    }

    /** Answers a batch in one forward pass; answers are in question order and independent of the batch's makeup. */
    public List<Answer> answer(List<Question> questions) {
        if (questions.isEmpty()) {
            return List.of();
        }
        // libtorch's grad mode is per thread and starts on; inference needs no graph (and this thread is ours)
        TorchGradMode.offOnThisThread();
        Map<String, float[]> byKey = new HashMap<>();
        List<Sample> samples = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            String key = Integer.toString(i);
            byKey.put(key, questions.get(i).features());
            samples.add(new Sample(key, key, TrainingText.cleanQuestion(questions.get(i).text()), null, -1,
                    new int[0], ""));
        }
        RexBatch batch = new BatchAssembler(inMemory(byKey), encoder, steps).evaluation(samples);
        RexOutput out = predictor.predict(batch);
        List<Answer> answers = new ArrayList<>(questions.size());
        for (int b = 0; b < questions.size(); b++) {
            answers.add(decode(out, b, questions.get(b).boxes()));
        }
        return answers;
    }

    private Answer decode(RexOutput out, int b, float[] boxes) {
        int best = 0;
        for (int a = 1; a < out.nbAnswer(); a++) {
            if (out.answerProb(b, a) > out.answerProb(b, best)) best = a;
        }
        List<String> words = new ArrayList<>();
        List<GroundedRegion> regions = new ArrayList<>();
        List<Double> gates = new ArrayList<>();
        int[] greedy = out.argMaxWords(b);
        for (int t = 0; t < greedy.length && greedy[t] != 0; t++) {
            int idx = greedy[t];
            words.add(idx2exp[idx]);
            int k = regionOfIndex[idx];
            if (k >= 0) {
                int o = k * BOX_DIM;
                regions.add(new GroundedRegion(idx2exp[idx], k, boxes[o], boxes[o + 1], boxes[o + 2], boxes[o + 3]));
            }
            if (out.gate() != null) {
                gates.add((double) out.gate()[b * out.numStep() + t]);
            }
        }
        return new Answer(idx2ans[best], best, out.answerProb(b, best), words, regions, gates);
    }

    /** {@code #0..#35} by their text (not by their position in exp2idx, which the file fixes but does not promise). */
    private static int[] regionIndices(String[] idx2exp) {
        int[] out = new int[idx2exp.length];
        for (int i = 0; i < idx2exp.length; i++) {
            out[i] = -1;
            String w = idx2exp[i];
            if (w != null && w.length() > 1 && w.charAt(0) == '#' && w.substring(1).chars().allMatch(Character::isDigit)
                    && w.length() <= 3) {
                int k = Integer.parseInt(w.substring(1));
                if (k < REGIONS) out[i] = k;
            }
        }
        return out;
    }

    private static FeatureSource inMemory(Map<String, float[]> features) {
        return new FeatureSource() {
            @Override
            public boolean contains(String imageId) {
                return features.containsKey(imageId);
            }

            @Override
            public float[] features(String imageId) {
                return features.get(imageId);
            }
        };
    }

    @Override
    public void close() {
        predictor.close();
    }
}
