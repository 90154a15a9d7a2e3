package dev.rex.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.build.BuildProgress;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.synth.SynthWorld;
import dev.rex.metrics.rex.GqaFiles;
import dev.rex.metrics.rex.Grounding;
import dev.rex.metrics.rex.GroundingInputs;
import dev.rex.model.RexConfig;
import dev.rex.model.RexModel;
import dev.rex.model.train.AdamOptimizer;
import dev.rex.model.train.BatchAssembler;
import dev.rex.model.train.FeatureSource;
import dev.rex.model.train.GradientClipping;
import dev.rex.model.train.NamedParameter;
import dev.rex.model.train.RexLosses;
import dev.rex.model.train.TorchThreads;
import dev.rex.model.train.TrainMode;
import dev.rex.model.train.Trainer;
import dev.rex.model.train.TrainingConfig;
import dev.rex.model.train.TrainingFlops;
import dev.rex.model.train.TrainingListener;
import dev.rex.model.train.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rex bench train}: (1) generates the default synthetic world, builds its GQA-REX explanations and trains
 * {@code small} multi-task on CPU, printing per epoch val VQA accuracy, BLEU-4, CIDEr, grounding and samples/s;
 * (2) measures training samples/s of {@code base} at batch 32 and the GFLOP/s that implies (analytic FLOP count).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train 'small' on a synthetic world with per-epoch figures, then time 'base' training steps.",
                "Train 'small' on the default synthetic world (per-epoch val VQA accuracy, BLEU-4, CIDEr, "
                + "grounding, samples/s), then time training steps of 'base' at batch 32 (samples/s, GFLOP/s)."})
public final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "1000", description = "synthetic images (default ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--questions-per-image", defaultValue = "10", description = "default ${DEFAULT-VALUE}")
    int questionsPerImage;

    @Option(names = "--epochs", defaultValue = "4", description = "default ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch", defaultValue = "16", description = "batch of the small run (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "3e-4", description = "learning rate of the small run (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--clip-norm", defaultValue = "0.1", description = "gradient-norm clip of the run, 0 = off "
            + "(default ${DEFAULT-VALUE}, main.py's)")
    double clipNorm;

    @Option(names = "--threads", description = "libtorch intra-op threads (default: libtorch's)")
    Integer threads;

    @Option(names = "--base-steps", defaultValue = "5", description = "timed training steps of base (default ${DEFAULT-VALUE})")
    int baseSteps;

    @Option(names = "--skip-small", description = "only the base throughput")
    boolean skipSmall;

    @Option(names = "--config", defaultValue = "small", description = "network of the run on the synthetic world "
            + "(default ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--skip-base", description = "only the small run")
    boolean skipBase;

    @Option(names = "--seed", defaultValue = "1", description = "world and training seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--work", description = "working folder (default: a temporary folder, deleted)")
    Path work;

    @Override
    public Integer call() throws Exception {
        if (threads != null) TorchThreads.set(threads);
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("rex-bench-train");
        Path world = dir.resolve("world");
        System.out.printf(Locale.ROOT, "synthetic world: %d images x %d questions (seed %d) -> %s%n", images,
                questionsPerImage, seed, world);
        SynthWorld.generate(new SynthWorld.Options(images, questionsPerImage, seed, world, true), (d, t) -> { });
        Path rex = dir.resolve("gqa-rex");
        new DatasetBuilder().build(BuildOptions.of(world.resolve("questions"), world.resolve("sceneGraphs"),
                world.resolve("boxes"), rex), BuildProgress.NONE);
        FeatureStore store = FeatureStore.open(world);
        if (!skipSmall) trainSmall(world, rex, store, dir.resolve(runName(config)));
        if (!skipBase) baseThroughput(world, rex, store);
        System.out.println("work folder: " + dir);
        return 0;
    }

    private void trainSmall(Path world, Path rex, FeatureStore store, Path out) throws IOException {
        TrainingConfig cfg = TrainingConfig.defaults(world.resolve("questions"), rex, world, config,
                TrainMode.MULTITASK, out).withEpochs(epochs).withBatch(batch).withLr(lr).withSeed(seed).withClipNorm(clipNorm);
        Map<String, GqaFiles.Question> valQuestions = GqaFiles.questions(
                world.resolve("questions/val_balanced_questions.json"), q -> true);
        Map<String, GqaFiles.Image> graphs = GqaFiles.sceneGraphs(world.resolve("sceneGraphs/val_sceneGraphs.json"),
                q -> true);
        Map<String, Grounding.Question> grounding = GroundingInputs.fromQuestions(valQuestions, graphs,
                image -> boxes(store, image));
        System.out.printf(Locale.ROOT, "%n%s, multitask, batch %d, lr %.1e, clip %s, %d epochs (CPU)%n", config, batch,
                lr, clipNorm == 0 ? "off" : String.valueOf(clipNorm), epochs);
        System.out.printf(Locale.ROOT, "%5s %9s %9s %9s %9s %9s %9s %10s%n", "epoch", "loss", "VQA acc", "BLEU-4",
                "CIDEr", "ground.", "ground.*", "samples/s");
        long start = System.nanoTime();
        double[] lastGrounding = new double[2];
        Map<String, String> lastAnswers = new java.util.HashMap<>();
        new Trainer(cfg, FeatureSource.of(store)).run(new TrainingListener() {
            private ProgressBar bar;

            @Override
            public void step(StepProgress p) {
                if (bar == null) bar = new ProgressBar("epoch " + (p.epoch() + 1), p.stepsPerEpoch(), System.err);
                bar.update(p.step(), String.format(Locale.ROOT, "loss %.3f, %.0f samples/s, run ETA %s",
                        p.losses().get("loss"), p.samplesPerSecond(),
                        ProgressBar.format(java.time.Duration.ofSeconds((long) p.etaSeconds()))));
            }

            @Override
            public void validated(int epoch, Validation.Result r) {
                lastGrounding[0] = score(Grounding.evaluate(Grounding.Variant.CORRECTED, r.explanations(), grounding));
                lastGrounding[1] = score(Grounding.evaluate(Grounding.Variant.PUBLISHED, r.explanations(), grounding));
                lastAnswers.clear();
                lastAnswers.putAll(r.answers());
            }

            @Override
            public void epoch(EpochResult e) {
                if (bar != null) bar.close();
                bar = null;
                Map<String, Double> v = e.valMetrics();
                System.out.printf(Locale.ROOT, "%5d %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f %10.1f%n", e.epoch() + 1,
                        e.trainLosses().get("loss"), v.get("vqa_accuracy"), v.get("bleu_4"), v.get("cider"),
                        lastGrounding[0], lastGrounding[1], e.samplesPerSecond());
            }
        }, () -> false);
        System.out.printf(Locale.ROOT, "total %.1f min; ground. = corrected grounding, ground.* = as published "
                + "(last annotated box only); raw scale (x100 for the paper's tables)%n", (System.nanoTime() - start) / 6e10);
        System.out.println("\nval VQA accuracy of the last epoch by question type:");
        new AccuracyByType(world.resolve("questions/val_balanced_questions.json")).print(lastAnswers, System.out);
    }

    /** The run's folder name: the preset, or a config file's name without its extension. */
    static String runName(String config) {
        String name = Path.of(config).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static double score(Grounding.Result r) {
        return r.score() == null ? Double.NaN : r.score();
    }

    private static float[][] boxes(FeatureStore store, String image) {
        try {
            float[] b = store.boxes(image);
            float[][] out = new float[b.length / 4][];
            for (int i = 0; i < out.length; i++) out[i] = new float[]{b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]};
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Timed training steps of base at batch 32 on random inputs of the real shapes (teacher forcing, all losses). */
    private void baseThroughput(Path world, Path rex, FeatureStore store) {
        int b = 32;
        int len = BatchAssembler.TRAIN_SEQ_LEN;
        RexConfig c = RexConfig.preset("base", 30522, 1500, 3000);
        System.out.printf(Locale.ROOT, "%nbase (%d layers, hidden %d), batch %d, text %d tokens: ", c.numHiddenLayers(),
                c.hiddenSize(), b, len);
        try (RexModel model = RexModel.create(c, 1); NDManager m = model.djlModel().getNDManager().newSubManager();
             AdamOptimizer adam = new AdamOptimizer(model.djlModel().getNDManager())) {
            List<NamedParameter> params = new ArrayList<>();
            for (Map.Entry<String, Parameter> e : model.parameters().entrySet()) {
                if (e.getValue().requiresGradient()) params.add(new NamedParameter(e.getKey(), e.getValue().getArray()));
            }
            ParameterStore ps = new ParameterStore(model.djlModel().getNDManager(), false);
            NDList in = new NDList(m.randomNormal(new Shape(b, c.numRoi(), c.visualEmbeddingDim())),
                    m.randomInteger(1, 1000, new Shape(b, len), ai.djl.ndarray.types.DataType.INT64),
                    m.zeros(new Shape(b, len), ai.djl.ndarray.types.DataType.INT64),
                    m.ones(new Shape(b, len), ai.djl.ndarray.types.DataType.INT64),
                    m.randomInteger(0, c.nbWords(), new Shape(b, c.numStep()), ai.djl.ndarray.types.DataType.INT64));
            NDArray mask = m.ones(new Shape(b, c.numStep()));
            NDArray answers = m.randomInteger(0, c.nbAnswer(), new Shape(b), ai.djl.ndarray.types.DataType.INT64);
            double seconds = 0;
            for (int step = 0; step <= baseSteps; step++) {
                long t0 = System.nanoTime();
                try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                    AdamOptimizer.zeroGradients(params);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList out = model.network().forward(ps, in, true);
                        NDArray loss = RexLosses.explanation(out.get(1), in.get(4), mask)
                                .add(RexLosses.gate(out.get(2), mask)).add(RexLosses.answer(out.get(0), answers));
                        gc.backward(loss);
                    }
                    double norm = GradientClipping.globalNorm(params);
                    adam.step(params, 1e-4, GradientClipping.scale(norm, 0.1));
                }
                if (step > 0) seconds += (System.nanoTime() - t0) / 1e9; // step 0 warms up
                System.out.print(".");
                System.out.flush();
            }
            double rate = baseSteps * b / seconds;
            double gflops = rate * TrainingFlops.trainingPerSample(c, len) / 1e9;
            System.out.printf(Locale.ROOT, "%n%.2f samples/s, %.2f s/step, %.1f GFLOP/s (%.1f GFLOP per training sample, "
                    + "analytic)%n", rate, seconds / baseSteps, gflops, TrainingFlops.trainingPerSample(c, len) / 1e9);
        }
    }
}
