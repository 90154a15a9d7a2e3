package dev.rex.model;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * Evaluation-mode forward passes over one {@link RexModel}. A DJL predictor is not thread-safe: every inference
 * thread creates and owns its own ({@link RexModel#newPredictor()}) and closes it when done; the weights are shared.
 *
 * <p>Every native array a call creates is closed before it returns, on success and on failure alike. DJL's
 * per-call context manager is not enough: an op attaches its result to its first operand's manager, and the forward
 * starts several chains on a parameter (the embedding lookups, the transposed structure mapping), so most
 * activations end up on the model's manager, which lives as long as the model (about 110 arrays per call on a tiny
 * network; gigabytes over a validation pass at the "small" size).
 */
public final class RexPredictor implements AutoCloseable {
    private final Predictor<RexBatch, RexOutput> predictor;

    RexPredictor(Predictor<RexBatch, RexOutput> predictor) {
        this.predictor = predictor;
    }

    /** One forward pass: greedy decoding, or teacher forcing when the batch carries {@code exp}. */
    public RexOutput predict(RexBatch batch) {
        // the scope is per thread and holds every array created inside it, whatever its manager; the parameters
        // were created before it and stay. The output is already copied into Java arrays (processOutput).
        try (NDScope scope = new NDScope()) {
            return predictor.predict(batch);
        } catch (TranslateException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException("REX forward pass failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }

    /** Java arrays in, Java arrays out, so that nothing native needs to outlive the call. */
    static final class BatchTranslator implements Translator<RexBatch, RexOutput> {
        @Override
        public NDList processInput(TranslatorContext ctx, RexBatch input) {
            return input.toNDList(ctx.getNDManager());
        }

        @Override
        public RexOutput processOutput(TranslatorContext ctx, NDList list) {
            return RexOutput.of(list);
        }

        @Override
        public Batchifier getBatchifier() {
            return null; // a RexBatch is already a batch
        }
    }
}
