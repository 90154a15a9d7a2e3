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
import dev.rex.model.NamedArrays;
import dev.rex.model.ParameterNames;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexConfig;
import dev.rex.model.RexDictionaries;
import dev.rex.model.RexModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The training loop of main.py / main_transfer.py over DJL: per epoch the learning rate of the schedule, the
 * seeded shuffle with the last partial batch skipped, teacher-forced forward passes, the losses of the mode,
 * global-norm clipping and PyTorch-semantics Adam; after each epoch {@code out/epoch-NNN/} and, when the mode
 * validates that epoch and the selection metric improved, {@code out/best/}.
 *
 * <p>Reproducible on CPU: the weights come from the seeded engine, epoch e's shuffle and dropout masks depend only on
 * (seed, e). Resumable: running again with the same settings continues after the last complete
 * {@code epoch-NNN/} (its weights, optimiser moments and best score) and ends as an uninterrupted run would.
 */
public final class Trainer {
    private final TrainingConfig cfg;
    private final FeatureSource features;

    /** @param features the feature store of {@code cfg.features()} (or a test's own source) */
    public Trainer(TrainingConfig cfg, FeatureSource features) {
        this.cfg = cfg.validate();
        this.features = features;
    }

    /** What the run ended with. */
    public record Result(int epochsRun, Path lastCheckpoint, Path best, Double bestScore, int bestEpoch,
                         Map<String, Double> lastValMetrics) {
    }

    public Result run(TrainingListener listener, BooleanSupplier cancelled) throws IOException {
        TorchGradMode.offOnThisThread();
        Files.createDirectories(cfg.out());
        TrainingData data = TrainingData.load(cfg, features, listener);
        Dictionaries dict = data.dictionaries();
        ResumePoint resume = ResumePoint.find(cfg.out(), cfg);
        RunTokenization tok = RunTokenization.choose(resume == null ? null : resume.dir(),
                cfg.init() != null && Files.isDirectory(cfg.init()) ? cfg.init() : null, cfg.data(),
                data.train().samples());
        listener.note("question vocabulary: " + tok.vocab().size() + " word pieces, " + tok.source());
        BatchAssembler assembler = new BatchAssembler(features, tok.encoder(), SampleSet.STEPS);

        try (RexModel rex = resume != null ? RexCheckpoint.load(resume.dir()) : fresh(dict, tok, listener);
             TrainingLog log = new TrainingLog(cfg.out())) {
            rex.setDictionaries(new RexDictionaries(dict.exp2idx(), dict.ans2idx(), tok.vocab()));
            List<NamedParameter> params = trainable(rex);
            long paramCount = params.stream().mapToLong(p -> p.array().size()).sum();
            int steps = BatchOrder.stepsPerEpoch(data.train().size(), cfg.batch());
            int startEpoch = resume == null ? 0 : resume.state().epoch() + 1;
            listener.started(new TrainingListener.RunInfo(cfg.mode(), data.train().size(), data.val().size(),
                    data.train().skipped(), steps, cfg.epochs(), startEpoch, dict.nbVocab(), dict.nbAnswer(),
                    paramCount));
            if (resume != null) {
                listener.note("resuming after epoch " + (resume.state().epoch() + 1) + " from " + resume.dir());
            }
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("mode", cfg.mode().cliName());
            start.put("config", cfg.model());
            start.put("seed", cfg.seed());
            start.put("batch", cfg.batch());
            start.put("lr", cfg.initialLr());
            start.put("epochs", cfg.epochs());
            start.put("start_epoch", startEpoch);
            start.put("train_samples", data.train().size());
            start.put("val_samples", data.val().size());
            start.put("skipped", data.train().skipped());
            start.put("parameters", paramCount);
            log.write("start", start);

            try (AdamOptimizer adam = new AdamOptimizer(rex.djlModel().getNDManager())) {
                if (resume != null) adam.load(resume.dir().resolve(ResumePoint.OPTIMIZER));
                return loop(rex, data, assembler, params, adam, log, listener, cancelled, startEpoch, steps,
                        resume == null ? null : resume.state());
            }
        }
    }

    private Result loop(RexModel rex, TrainingData data, BatchAssembler assembler, List<NamedParameter> params,
                        AdamOptimizer adam, TrainingLog log, TrainingListener listener, BooleanSupplier cancelled,
                        int startEpoch, int steps, TrainingState previous) throws IOException {
        LearningRateSchedule schedule = cfg.mode().schedule(cfg.initialLr());
        Validation validation = new Validation(data.dictionaries(), assembler, cfg.evalBatch(),
                cfg.mode().trainsAnswers());
        Double bestScore = previous == null ? null : previous.bestScore();
        int bestEpoch = previous == null ? -1 : previous.bestEpoch();
        Path lastDir = previous == null ? null : ResumePoint.epochDir(cfg.out(), previous.epoch());
        Map<String, Double> lastVal = previous == null ? Map.of() : previous.valMetrics();
        long globalStep = adam.stepCount();
        long runStart = System.nanoTime();
        long stepsThisRun = 0;
        long totalSteps = (long) (cfg.epochs() - startEpoch) * steps;
        List<Sample> samples = data.train().samples();
        ParameterStore store = new ParameterStore(rex.djlModel().getNDManager(), false);

        for (int epoch = startEpoch; epoch < cfg.epochs(); epoch++) {
            double lr = schedule.at(epoch);
            // dropout masks of epoch e depend only on (seed, e): a resumed run matches an uninterrupted one
            Engine.getInstance().setRandomSeed((int) (cfg.seed() * 7919 + epoch));
            int[] order = BatchOrder.permutation(samples.size(), cfg.seed(), epoch);
            Map<String, Double> sums = new LinkedHashMap<>();
            long epochStart = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                if (cancelled.getAsBoolean()) throw new TrainingCancelledException(epoch, step);
                List<Sample> chunk = new ArrayList<>(cfg.batch());
                for (int i = 0; i < cfg.batch(); i++) chunk.add(samples.get(order[step * cfg.batch() + i]));
                BatchAssembler.TrainBatch batch = assembler.training(chunk);
                StepLosses losses = trainStep(rex, store, batch, params, adam, lr);
                globalStep++;
                stepsThisRun++;
                losses.values().forEach((k, v) -> sums.merge(k, v, Double::sum));
                double elapsed = (System.nanoTime() - epochStart) / 1e9;
                double rate = (step + 1) * (double) cfg.batch() / Math.max(elapsed, 1e-9);
                double perStep = (System.nanoTime() - runStart) / 1e9 / stepsThisRun;
                double eta = perStep * (totalSteps - stepsThisRun);
                listener.step(new TrainingListener.StepProgress(epoch, step + 1, steps, globalStep, losses.values(),
                        lr, losses.gradNorm(), rate, eta));
                if ((step + 1) % cfg.logEvery() == 0 || step + 1 == steps) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("epoch", epoch + 1);
                    line.put("step", step + 1);
                    line.put("global_step", globalStep);
                    line.putAll(losses.values());
                    line.put("lr", lr);
                    line.put("grad_norm", losses.gradNorm());
                    line.put("samples_per_s", rate);
                    log.write("step", line);
                }
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            Map<String, Double> means = new LinkedHashMap<>();
            sums.forEach((k, v) -> means.put(k, v / Math.max(1, steps)));

            Map<String, Double> val = Map.of();
            boolean best = false;
            Validation.Result vr = null;
            if (cfg.mode().validatesAfter(epoch, cfg.epochs())) {
                vr = validation.run(rex, data.val().samples(), done -> { });
                listener.validated(epoch, vr);
                val = vr.metrics();
                lastVal = val;
                Double score = val.get(cfg.mode().selectionMetric());
                // main.py keeps a checkpoint when cur_score > best (best starts at 0); the first validated epoch
                // always becomes best/ here so that best/ exists even when the score is 0
                if (score != null && (bestScore == null || score > bestScore)) {
                    bestScore = score;
                    bestEpoch = epoch;
                    best = true;
                }
            }
            TrainingState state = new TrainingState(epoch, globalStep, bestScore, bestEpoch, cfg.mode().cliName(),
                    cfg.model(), cfg.seed(), cfg.batch(), cfg.initialLr(), cfg.percentage(), val);
            lastDir = ResumePoint.writeEpoch(cfg.out(), epoch, rex, adam, state);
            if (vr != null) ValPredictions.write(lastDir, vr);
            listener.checkpoint(lastDir, false, epoch, val);
            if (best) {
                Path bestDir = ResumePoint.writeBest(cfg.out(), rex, epoch, cfg.mode().selectionMetric(), val);
                listener.checkpoint(bestDir, true, epoch, val);
            }
            double epochRate = steps * (double) cfg.batch() / Math.max(epochSeconds, 1e-9);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("epoch", epoch + 1);
            line.put("lr", lr);
            line.put("train", means);
            line.put("val", val);
            line.put("best", best);
            line.put("seconds", epochSeconds);
            line.put("samples_per_s", epochRate);
            log.write("epoch", line);
            listener.epoch(new TrainingListener.EpochResult(epoch, cfg.epochs(), means, val, best, lastDir,
                    epochSeconds, epochRate));
        }
        Path bestDir = bestEpoch >= 0 ? cfg.out().resolve(ResumePoint.BEST) : null;
        return new Result(cfg.epochs() - startEpoch, lastDir, bestDir, bestScore, bestEpoch, lastVal);
    }

    /**
     * One optimiser step. Every NDArray created inside (the inputs, every intermediate of the forward and backward,
     * including those DJL attaches to the parameters' manager) is closed by the scope when it returns: without it
     * a training run grows by the whole activation memory every step.
     */
    private StepLosses trainStep(RexModel rex, ParameterStore store, BatchAssembler.TrainBatch batch,
                                 List<NamedParameter> params, AdamOptimizer adam, double lr) {
        try (NDScope scope = new NDScope(); NDManager m = rex.djlModel().getNDManager().newSubManager()) {
            NDList inputs = batch.inputs().toNDList(m);
            int b = batch.inputs().batch();
            int t = batch.inputs().numStep();
            NDArray wordMask = m.create(batch.wordMask(), new Shape(b, t));
            NDArray gateTarget = m.create(batch.gate(), new Shape(b, t));
            NDArray answers = m.create(batch.answers());
            Map<String, Double> values = new LinkedHashMap<>();
            AdamOptimizer.zeroGradients(params);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = rex.network().forward(store, inputs, true);
                NDArray expLoss = RexLosses.explanation(out.get(1), inputs.get(4), wordMask);
                NDArray gateLoss = RexLosses.gate(out.get(2), gateTarget);
                NDArray loss = expLoss.add(gateLoss);
                if (cfg.mode().trainsAnswers()) {
                    NDArray ansLoss = RexLosses.answer(out.get(0), answers);
                    loss = loss.add(ansLoss);
                    values.put("ans_loss", (double) ansLoss.getFloat());
                }
                values.put("exp_loss", (double) expLoss.getFloat());
                values.put("gate_loss", (double) gateLoss.getFloat());
                values.put("loss", (double) loss.getFloat());
                collector.backward(loss);
            }
            double norm = GradientClipping.globalNorm(params);
            if (!Double.isFinite(norm)) {
                // a non-finite gradient would poison every weight through Adam's moments: skip the update (as
                // AMP's GradScaler does) and count it; the run reports how many steps were skipped
                values.put("skipped_step", 1.0);
                return new StepLosses(values, norm);
            }
            adam.step(params, lr, GradientClipping.scale(norm, cfg.clipNorm()));
            return new StepLosses(values, norm);
        }
    }

    private record StepLosses(Map<String, Double> values, double gradNorm) {
    }

    private static List<NamedParameter> trainable(RexModel rex) {
        List<NamedParameter> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : rex.parameters().entrySet()) {
            if (e.getValue().requiresGradient()) out.add(new NamedParameter(e.getKey(), e.getValue().getArray()));
        }
        return out;
    }

    /** A new network for the run's dictionaries, initialised from the seed, then from --init when given. */
    private RexModel fresh(Dictionaries dict, QuestionTokenization tok, TrainingListener listener) throws IOException {
        RexConfig config = ModelConfigs.resolve(cfg.model(), tok.vocab().size(), dict.nbAnswer(), dict.nbVocab());
        RexModel rex = RexModel.create(config, cfg.seed());
        try {
            if (cfg.init() != null) initFrom(rex, dict, listener);
            return rex;
        } catch (IOException | RuntimeException e) {
            rex.close();
            throw e;
        }
    }

    /**
     * --init: a checkpoint directory — every weight, except for VQA transfer the answer head, which stays freshly
     * initialised (main_transfer.py's {@code load_state_dict(strict=False)} into a model with a new {@code ans_cls});
     * or a safetensors file — the VisualBERT backbone of a pretrained HuggingFace model.
     */
    private void initFrom(RexModel rex, Dictionaries dict, TrainingListener listener) throws IOException {
        Path init = cfg.init();
        if (Files.isRegularFile(init)) {
            RexCheckpoint.loadWeights(rex, init, true);
            listener.note("backbone initialised from " + init);
            return;
        }
        Path weights = init.resolve(RexCheckpoint.WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new InvalidTrainingConfigException("init", init + " is not a checkpoint directory (no "
                    + RexCheckpoint.WEIGHTS + ")");
        }
        Path exp2idx = init.resolve(RexCheckpoint.EXP2IDX);
        if (Files.isRegularFile(exp2idx)
                && !Dictionaries.read(init).exp2idx().equals(dict.exp2idx())) {
            throw new InvalidTrainingConfigException("init", init + " was trained with another explanation "
                    + "vocabulary (exp2idx.json differs from this run's): use dictionaries of the same build");
        }
        Map<String, Parameter> own = rex.parameters();
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>(NamedArrays.asMap(NamedArrays.read(m, weights)));
            if (cfg.mode().isTransfer()) {
                tensors.keySet().removeIf(k -> ParameterNames.canonical(k).map(n -> n.startsWith("ans_cls.")).orElse(false));
                own.forEach((name, p) -> {
                    if (name.startsWith("ans_cls.")) {
                        NDArray copy = p.getArray().duplicate();
                        copy.attach(m);
                        tensors.put(name, copy);
                    }
                });
            }
            try {
                rex.load(tensors, false);
            } catch (IllegalArgumentException e) {
                throw new InvalidTrainingConfigException("init", weights + ": " + e.getMessage());
            }
        }
        listener.note("weights initialised from " + init + (cfg.mode().isTransfer() ? " (answer head new)" : ""));
    }
}
