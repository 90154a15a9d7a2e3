package dev.rex.model.train;

import ai.djl.engine.Engine;
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
            List<NamedParameter> params = TrainingStep.trainableParameters(rex);
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
                TrainingStep step = new TrainingStep(rex, adam, cfg.clipNorm(), cfg.mode().trainsAnswers());
                return loop(rex, data, assembler, step, adam, log, listener, cancelled, startEpoch, steps,
                        resume == null ? null : resume.state());
            }
        }
    }

    private Result loop(RexModel rex, TrainingData data, BatchAssembler assembler, TrainingStep trainingStep,
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
                TrainingStep.Result losses = trainingStep.run(batch, lr);
                globalStep++;
                stepsThisRun++;
                losses.losses().forEach((k, v) -> sums.merge(k, v, Double::sum));
                double elapsed = (System.nanoTime() - epochStart) / 1e9;
                double rate = (step + 1) * (double) cfg.batch() / Math.max(elapsed, 1e-9);
                double perStep = (System.nanoTime() - runStart) / 1e9 / stepsThisRun;
                double eta = perStep * (totalSteps - stepsThisRun);
                listener.step(new TrainingListener.StepProgress(epoch, step + 1, steps, globalStep, losses.losses(),
                        lr, losses.gradNorm(), rate, eta));
                if ((step + 1) % cfg.logEvery() == 0 || step + 1 == steps) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("epoch", epoch + 1);
                    line.put("step", step + 1);
                    line.put("global_step", globalStep);
                    line.putAll(losses.losses());
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

    private void initFrom(RexModel rex, Dictionaries dict, TrainingListener listener) throws IOException {
        listener.note(InitWeights.apply(rex, cfg.init(), cfg.mode().isTransfer(), dict.exp2idx()));
    }
}
