package dev.rex.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.rex.model.RexModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimiser step of main.py, the single implementation that {@code rex train}, {@code rex model train-steps} and
 * {@code rex bench train} share: zero the gradients, a teacher-forced forward pass in training mode, the summed
 * losses of {@link RexLosses} (the answer loss only when the mode trains answers), backward, the global gradient
 * norm (over the optimizer's flat gradient buffer), then {@link AdamOptimizer} with {@link GradientClipping}'s
 * factor.
 */
public final class TrainingStep {
    private final RexModel rex;
    private final List<NamedParameter> params;
    private final AdamOptimizer adam;
    private final ParameterStore store;
    private final double clipNorm;
    private final boolean answers;

    /**
     * @param clipNorm {@code clip_grad_norm_}'s max norm (≤ 0: no clipping)
     * @param answers  whether the answer loss is part of the objective ({@link TrainMode#trainsAnswers()})
     */
    public TrainingStep(RexModel rex, AdamOptimizer adam, double clipNorm, boolean answers) {
        this.rex = rex;
        this.params = trainableParameters(rex);
        this.adam = adam;
        this.store = new ParameterStore(rex.djlModel().getNDManager(), false);
        this.clipNorm = clipNorm;
        this.answers = answers;
    }

    /** The parameters that require a gradient, in checkpoint order ({@code structure_mapping} is fixed). */
    public static List<NamedParameter> trainableParameters(RexModel rex) {
        List<NamedParameter> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : rex.parameters().entrySet()) {
            if (e.getValue().requiresGradient()) out.add(new NamedParameter(e.getKey(), e.getValue().getArray()));
        }
        return out;
    }

    public List<NamedParameter> parameters() {
        return params;
    }

    /**
     * What a step measured: the losses before the update ({@code loss}, {@code exp_loss}, {@code gate_loss} and,
     * when trained, {@code ans_loss}; {@code skipped_step} = 1 when a non-finite gradient skipped the update), the
     * gradient norm before clipping, and the seconds spent in forward+backward and in clipping+update.
     */
    public record Result(Map<String, Double> losses, double gradNorm, double forwardBackwardSeconds,
                         double updateSeconds) {
    }

    /**
     * One step on {@code batch} at learning rate {@code lr}. Every NDArray created inside (inputs, activations,
     * gradients' temporaries, including those DJL attaches to the parameters' manager) is closed before it returns:
     * without the scope a run grows by the whole activation memory every step.
     */
    public Result run(BatchAssembler.TrainBatch batch, double lr) {
        try (NDScope scope = new NDScope(); NDManager m = rex.djlModel().getNDManager().newSubManager()) {
            long t0 = System.nanoTime();
            NDList inputs = batch.inputs().toNDList(m);
            int b = batch.inputs().batch();
            int t = batch.inputs().numStep();
            NDArray wordMask = m.create(batch.wordMask(), new Shape(b, t));
            NDArray gateTarget = m.create(batch.gate(), new Shape(b, t));
            NDArray answerTargets = m.create(batch.answers());
            Map<String, Double> values = new LinkedHashMap<>();
            AdamOptimizer.zeroGradients(params);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = rex.network().forward(store, inputs, true);
                NDArray expLoss = RexLosses.explanation(out.get(1), inputs.get(4), wordMask);
                NDArray gateLoss = RexLosses.gate(out.get(2), gateTarget);
                NDArray loss = expLoss.add(gateLoss);
                if (answers) {
                    NDArray ansLoss = RexLosses.answer(out.get(0), answerTargets);
                    loss = loss.add(ansLoss);
                    values.put("ans_loss", (double) ansLoss.getFloat());
                }
                values.put("exp_loss", (double) expLoss.getFloat());
                values.put("gate_loss", (double) gateLoss.getFloat());
                values.put("loss", (double) loss.getFloat());
                collector.backward(loss);
            }
            long t1 = System.nanoTime();
            double norm = adam.gatherGradients(params);
            if (!Double.isFinite(norm)) {
                // a non-finite gradient would poison every weight through Adam's moments: skip the update (as
                // AMP's GradScaler does) and count it; the run reports how many steps were skipped
                values.put("skipped_step", 1.0);
            } else {
                adam.step(params, lr, GradientClipping.scale(norm, clipNorm));
            }
            long t2 = System.nanoTime();
            return new Result(values, norm, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }
}
