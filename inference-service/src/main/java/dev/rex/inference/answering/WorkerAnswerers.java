package dev.rex.inference.answering;

import dev.rex.inference.model.ServingModel;
import dev.rex.model.infer.QuestionAnswerer;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One worker's answerers, one per served model it has used: each holds its own DJL predictor (predictors are not
 * thread-safe) and a reference on the model's weights. Confined to the worker's thread.
 */
public final class WorkerAnswerers implements AutoCloseable {
    private final Map<ServingModel, QuestionAnswerer> answerers = new IdentityHashMap<>();

    /** The answerer for {@code model}, made on first use (the caller holds a reference on the model meanwhile). */
    public QuestionAnswerer of(ServingModel model) {
        QuestionAnswerer a = answerers.get(model);
        if (a != null) return a;
        model.retain();
        try {
            a = model.newAnswerer();
        } catch (RuntimeException e) {
            model.release();
            throw e;
        }
        answerers.put(model, a);
        return a;
    }

    /** Closes the answerers of models no longer served, so their weights can be freed. */
    public void keepOnly(Set<ServingModel> served) {
        answerers.entrySet().removeIf(e -> {
            if (served.contains(e.getKey())) return false;
            e.getValue().close();
            e.getKey().release();
            return true;
        });
    }

    @Override
    public void close() {
        keepOnly(Set.of());
    }
}
