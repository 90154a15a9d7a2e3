package dev.rex.model.train;

import dev.rex.model.RexBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Turns samples into the network's input arrays, as dataloader.py's {@code __getitem__} does: the question's BERT
 * ids cut to {@code seqLen} (20 in training, 35 in evaluation) and padded with 0 (token type 0, attention mask 0 on
 * padding), the image's 36 region features, and in training the per-step targets.
 */
public final class BatchAssembler {
    public static final int TRAIN_SEQ_LEN = 20;
    public static final int EVAL_SEQ_LEN = 35;

    private final FeatureSource features;
    private final QuestionEncoder encoder;
    private final int steps;

    public BatchAssembler(FeatureSource features, QuestionEncoder encoder, int steps) {
        this.features = features;
        this.encoder = encoder;
        this.steps = steps;
    }

    /** Training arrays: inputs with teacher-forcing words, and the answer, word-mask and gate targets. */
    public TrainBatch training(List<Sample> samples) {
        int b = samples.size();
        RexBatch inputs = inputs(samples, TRAIN_SEQ_LEN, true);
        long[] answers = new long[b];
        float[] mask = new float[b * steps];
        float[] gate = new float[b * steps];
        for (int i = 0; i < b; i++) {
            Sample s = samples.get(i);
            answers[i] = Math.max(0, s.answerIndex());
            TargetSequence t = TargetSequence.of(s.words(), steps);
            System.arraycopy(t.mask(), 0, mask, i * steps, steps);
            System.arraycopy(t.gate(), 0, gate, i * steps, steps);
        }
        return new TrainBatch(inputs, answers, mask, gate);
    }

    /** Evaluation inputs (greedy decoding: no teacher forcing). */
    public RexBatch evaluation(List<Sample> samples) {
        return inputs(samples, EVAL_SEQ_LEN, false);
    }

    private RexBatch inputs(List<Sample> samples, int seqLen, boolean withTargets) {
        int b = samples.size();
        int perImage = FeatureSource.REGIONS * FeatureSource.FEATURE_DIM;
        float[] img = new float[b * perImage];
        long[] text = new long[b * seqLen];
        long[] type = new long[b * seqLen];
        long[] mask = new long[b * seqLen];
        long[] exp = withTargets ? new long[b * steps] : null;
        for (int i = 0; i < b; i++) {
            Sample s = samples.get(i);
            try {
                float[] f = features.features(s.imageId());
                if (f.length != perImage) {
                    throw new IllegalStateException("features of image " + s.imageId() + " have " + f.length
                            + " values, expected 36 × 2048");
                }
                System.arraycopy(f, 0, img, i * perImage, perImage);
            } catch (IOException e) {
                throw new UncheckedIOException("features of image " + s.imageId() + ": " + e.getMessage(), e);
            }
            long[] ids = encoder.encode(s.question());
            int n = Math.min(ids.length, seqLen);
            System.arraycopy(ids, 0, text, i * seqLen, n);
            for (int j = 0; j < n; j++) mask[i * seqLen + j] = 1;
            if (withTargets) {
                int[] words = TargetSequence.of(s.words(), steps).words();
                for (int t = 0; t < steps; t++) exp[i * steps + t] = words[t];
            }
        }
        return new RexBatch(b, FeatureSource.REGIONS, FeatureSource.FEATURE_DIM, img, seqLen, text, type, mask,
                withTargets ? steps : 0, exp);
    }

    /** A training batch: the inputs (with {@code exp} = target words) and the loss targets, row-major [B] / [B,T]. */
    public record TrainBatch(RexBatch inputs, long[] answers, float[] wordMask, float[] gate) {
    }
}
