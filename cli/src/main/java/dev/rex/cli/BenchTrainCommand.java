package dev.rex.cli;

import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.build.BuildProgress;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.synth.SynthWorld;
import dev.rex.metrics.rex.GqaFiles;
import dev.rex.metrics.rex.Grounding;
import dev.rex.metrics.rex.GroundingInputs;
import dev.rex.model.train.BatchAssembler;
import dev.rex.model.train.FeatureSource;
import dev.rex.model.train.TorchThreads;
import dev.rex.model.train.TrainMode;
import dev.rex.model.train.Trainer;
import dev.rex.model.train.TrainingConfig;
import dev.rex.model.train.TrainingListener;
import dev.rex.model.train.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rex bench train}: (1) generates the default synthetic world, builds its GQA-REX explanations and trains
 * {@code small} multi-task on CPU, printing per epoch val VQA accuracy, BLEU-4, CIDEr, grounding and samples/s;
 * (2) a throughput table ({@link TrainThroughput}): samples/s of training steps of {@code small} and {@code base} at
 * batch 16 and 32, with the time of forward+backward and of clipping+Adam.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train 'small' on a synthetic world with per-epoch figures, then time training steps.",
                "Train 'small' on the default synthetic world (per-epoch val VQA accuracy, BLEU-4, CIDEr, "
                + "grounding, samples/s), then a throughput table: samples/s of training steps of small and base at batch 16 and 32, "
                + "split into forward+backward and the optimizer (clipping + Adam)."})
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

    @Option(names = {"--steps", "--base-steps"}, defaultValue = "5",
            description = "timed training steps per throughput row, after one warm-up step (default ${DEFAULT-VALUE})")
    int baseSteps;

    @Option(names = "--throughput-configs", defaultValue = "small,base", paramLabel = "A,B",
            description = "presets of the throughput table (default ${DEFAULT-VALUE})")
    String throughputConfigs;

    @Option(names = "--throughput-batches", defaultValue = "16,32", paramLabel = "N,M",
            description = "batch sizes of the throughput table (default ${DEFAULT-VALUE})")
    String throughputBatches;

    @Option(names = "--skip-small", description = "only the throughput table (no run on the synthetic world)")
    boolean skipSmall;

    @Option(names = "--config", defaultValue = "small", description = "network of the run on the synthetic world "
            + "(default ${DEFAULT-VALUE})")
    String config;

    @Option(names = {"--skip-throughput", "--skip-base"}, description = "only the run on the synthetic world")
    boolean skipBase;

    @Option(names = "--seed", defaultValue = "1", description = "world and training seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--work", description = "working folder (default: a temporary folder, deleted)")
    Path work;

    @Override
    public Integer call() throws Exception {
        if (threads != null) TorchThreads.set(threads);
        if (baseSteps < 1) throw new IllegalArgumentException("--steps: must be at least 1, got " + baseSteps);
        for (String b : TrainThroughput.list(throughputBatches)) {
            if (!b.matches("[1-9][0-9]{0,3}")) {
                throw new IllegalArgumentException("--throughput-batches: '" + b + "' is not a batch size (1..9999); "
                        + "give sizes separated by commas, e.g. 16,32");
            }
        }
        for (String c : TrainThroughput.list(throughputConfigs)) {
            if (!dev.rex.model.RexConfig.PRESETS.contains(c)) {
                throw new IllegalArgumentException("--throughput-configs: unknown preset '" + c + "'; use "
                        + dev.rex.model.RexConfig.PRESETS);
            }
        }
        if (skipSmall) {
            if (!skipBase) throughput();
            return 0;
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("rex-bench-train");
        Path world = dir.resolve("world");
        System.out.printf(Locale.ROOT, "synthetic world: %d images x %d questions (seed %d) -> %s%n", images,
                questionsPerImage, seed, world);
        SynthWorld.generate(new SynthWorld.Options(images, questionsPerImage, seed, world, true), (d, t) -> { });
        Path rex = dir.resolve("gqa-rex");
        new DatasetBuilder().build(BuildOptions.of(world.resolve("questions"), world.resolve("sceneGraphs"),
                world.resolve("boxes"), rex), BuildProgress.NONE);
        FeatureStore store = FeatureStore.open(world);
        trainSmall(world, rex, store, dir.resolve(runName(config)));
        if (!skipBase) throughput();
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

    /** The throughput table: samples/s of whole training steps, with the forward+backward and optimiser parts. */
    private void throughput() {
        System.out.printf(Locale.ROOT, "%ntraining throughput (TrainingStep on random inputs of the real shapes: "
                + "%d question tokens, 36 x 2048 regions, vocab %d, %d answers, %d explanation words; %d timed steps "
                + "after a warm-up; libtorch threads %d)%n", BatchAssembler.TRAIN_SEQ_LEN, TrainThroughput.VOCAB,
                TrainThroughput.ANSWERS, TrainThroughput.WORDS, baseSteps, dev.rex.model.train.TorchThreads.current());
        TrainThroughput.printHeader(System.out);
        for (String preset : TrainThroughput.list(throughputConfigs)) {
            for (String b : TrainThroughput.list(throughputBatches)) {
                System.err.printf(Locale.ROOT, "%s batch %s ", preset, b);
                // each row as soon as it is measured: a long table is useful even when stopped early
                TrainThroughput.print(System.out, TrainThroughput.measure(preset, Integer.parseInt(b), baseSteps,
                        System.err));
                System.out.flush();
            }
        }
        System.out.println("optimizer = share of the step in global-norm clipping + Adam; fwd+bwd = forward, losses "
                + "and backward; GFLOP/s from the analytic FLOP count of a training sample");
    }
}
