package dev.rex.cli;

import dev.rex.events.EvaluationEvent;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.Topics;
import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.BuildReport;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.ground.IouMode;
import dev.rex.gqa.synth.SynthWorld;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.rex.RexEvaluation;
import dev.rex.model.train.FeatureSource;
import dev.rex.model.train.TorchThreads;
import dev.rex.model.train.TrainMode;
import dev.rex.model.train.Trainer;
import dev.rex.model.train.TrainingConfig;
import dev.rex.model.train.TrainingListener;
import dev.rex.model.train.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rex demo}: the whole method on this machine, end to end, on the bundled synthetic GQA world, and the system
 * doing it: the world's GQA-REX goes through the preprocessing and explanation services, the training service trains
 * on their export and announces its best checkpoint on {@code rex.models}, the inference service answers the val
 * questions with it and the evaluation service publishes the paper's table of those answers on
 * {@code rex.evaluations}. The CLI only generates the world, builds the batch GQA-REX it compares the services'
 * with, orchestrates and prints; the stack stays up for exploring. {@code --no-stack} runs the science in-process
 * instead and scores the training's own validation pass.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system on this machine, from a synthetic GQA world to the paper's metrics.",
                "Starts the local stack, generates a synthetic GQA world, builds its GQA-REX explanations (in-process"
                        + " and through the services), trains a tiny REX model through the training service, answers"
                        + " the val questions through the inference service and prints the table the evaluation"
                        + " service publishes of them; the stack stays up until Ctrl-C.",
                "Work files: .rex/demo/. A rerun with the same --images, --questions-per-image and --seed reuses the"
                        + " world and its GQA-REX build; the model is always trained afresh."})
public final class DemoCommand implements Callable<Integer> {

    /** The demo's learning rate (tiny trains well with it in 16 epochs). */
    private static final double LR = 2e-3;
    /** The training service's defaults of rex.training.max-epochs and rex.training.max-batch. */
    private static final int SERVICE_MAX_EPOCHS = 200;
    private static final int SERVICE_MAX_BATCH = 1024;

    @Option(names = "--images", defaultValue = "300", description = "Synthetic images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--questions-per-image", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int questionsPerImage;

    @Option(names = "--epochs", defaultValue = "16", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Training batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--no-stack", description = "Do not start the local stack (science only).")
    boolean noStack;

    @Option(names = "--exit", description = "Stop the stack and exit after the table instead of waiting for Ctrl-C.")
    boolean exitAtEnd;

    /** The repository (service jars), the work folder and the stack's state folder; null: the defaults. */
    private final Path rootOverride;
    private final Path workOverride;
    private final Path stateOverride;

    public DemoCommand() {
        this(null, null, null);
    }

    /** A demo elsewhere than {@code <repository>/.rex/demo} (tests: the jars of the repository, a temporary folder). */
    DemoCommand(Path root, Path workDir, Path stateDir) {
        this.rootOverride = root;
        this.workOverride = workDir;
        this.stateOverride = stateDir;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path root = rootOverride != null ? rootOverride : UpCommand.repositoryRoot();
        DemoWork work = new DemoWork(workOverride != null ? workOverride : root.resolve(".rex/demo"));
        checkOptions(work, root); // nothing is deleted or started before every option is known to be usable
        long started = System.nanoTime();
        Path world = work.world();
        Path gqaRex = work.gqaRex();
        DemoSteps step = new DemoSteps(out, noStack ? 4 : 7);
        String worldStamp = DemoWork.worldStamp(images, questionsPerImage, seed);
        List<String> splits = List.of("train", "val", "testdev");
        String buildStamp = DemoWork.buildStamp(worldStamp, splits, IouMode.REFERENCE.name(), seed);
        boolean keepWorld = work.reusable(world, worldStamp);
        boolean keepBuild = keepWorld && work.reusable(gqaRex, buildStamp);
        // the model always starts afresh: a previous run's checkpoints would otherwise be resumed
        work.clearExcept(keepBuild ? List.of(world, gqaRex) : keepWorld ? List.of(world) : List.of());

        if (keepWorld) {
            step.next("synthetic GQA world: reusing %s (same --images %d, --questions-per-image %d, --seed %d as the"
                    + " last demo)", shown(root, world), images, questionsPerImage, seed);
        } else {
            step.next("synthetic GQA world: %d images x %d questions -> %s", images, questionsPerImage,
                    shown(root, world));
            work.discard(world);
            SynthWorld.Summary s;
            try (ProgressBar bar = new ProgressBar("synth", images)) {
                s = SynthWorld.generate(new SynthWorld.Options(images, questionsPerImage, seed, world, true),
                        (done, total) -> bar.update(done, ""));
            }
            out.println("      questions per split: " + s.questions());
            work.completed(world, worldStamp);
        }

        BuildOptions build = new BuildOptions(world.resolve("questions"), world.resolve("sceneGraphs"),
                world.resolve("boxes"), gqaRex, splits, false, IouMode.REFERENCE, seed, 1, 4096);
        BuildReport report;
        if (keepBuild) {
            step.next("GQA-REX, batch build: reusing %s (built from the same world by the last demo)",
                    shown(root, gqaRex));
            Map.Entry<String, BuildReport> saved = work.savedReport();
            out.println(indent(saved.getKey().strip()));
            report = saved.getValue();
        } else {
            step.next("GQA-REX, batch build (the functional program, in-process) -> %s", shown(root, gqaRex));
            work.discard(gqaRex);
            try (ProgressBar bar = new ProgressBar("build", 0)) {
                report = new DatasetBuilder().build(build, (phase, done, total) -> {
                    bar.total(total);
                    bar.update(done, phase);
                });
            }
            work.saveReport(report);
            work.completed(gqaRex, buildStamp);
            out.println(indent(report.summary().strip()));
        }

        if (noStack) {
            out.println("      --no-stack: the services are skipped; training reads the batch build");
            scienceOnly(out, step, root, work);
            out.printf(Locale.ROOT, "done in %s%n", ProgressBar.format(Duration.ofNanos(System.nanoTime() - started)));
            return 0;
        }
        Stack stack = throughTheSystem(out, step, root, work, report);
        out.printf(Locale.ROOT, "done in %s%n", ProgressBar.format(Duration.ofNanos(System.nanoTime() - started)));
        if (exitAtEnd) {
            stack.close();
            return 0;
        }
        out.println("The stack stays up: " + StackService.ALL.stream().map(s -> s.name() + " " + s.url())
                .reduce((a, b) -> a + ", " + b).orElse("") + ". Ctrl-C stops everything.");
        out.println("Dashboard (the evaluation service's tables, training curves and questions): "
                + stack.url("evaluation") + "/");
        while (!stack.isClosed()) {
            Thread.sleep(2000);
        }
        return 0;
    }

    /**
     * Steps 3 to 7: the stack; the world through the preprocessing and explanation services; training by the
     * training service, which announces its best checkpoint; the val questions answered by the inference service;
     * the table the evaluation service publishes of those answers. The CLI orchestrates and prints.
     */
    private Stack throughTheSystem(PrintStream out, DemoSteps step, Path root, DemoWork work, BuildReport report)
            throws Exception {
        // real paths: the services confine every file a request names to their data roots, here the demo's folder
        Path dir = work.dir().toRealPath();
        Path world = dir.resolve(work.world().getFileName());
        Path gqaRex = dir.resolve(work.gqaRex().getFileName());
        Path model = dir.resolve(work.model().getFileName());
        Files.createDirectories(model);
        step.next("starting the local stack (Kafka, PostgreSQL, five services)...");
        Stack stack = (stateOverride == null ? new Stack(root, StackService.ALL, Duration.ofSeconds(300), out)
                : new Stack(root, stateOverride, StackService.ALL, Duration.ofSeconds(300), out))
                // the explanation service explains with the batch build's corpus vocabularies; the training service
                // reads the demo's files and writes its runs under the models folder, from which the inference
                // service (reading the world's region features by image id) loads the announced checkpoints
                .withServiceEnvironment(Map.of("REX_EXPLANATION_BUILD_DIR", gqaRex.toString(),
                        "REX_FEATURES_DIR", world.toString(),
                        "REX_MODELS_DIR", model.toString(),
                        "REX_DATA_ROOTS", dir.toString(),
                        // a tiny model trains faster on one libtorch thread than on a shared machine's cores
                        "REX_TRAINING_TORCH_THREADS", "1",
                        // the evaluation service's attribute and GQA-OOD tables: the world's
                        "REX_EVALUATION_ATTRIBUTE_DIR", world.resolve("rex-eval").toString(),
                        "REX_EVALUATION_OOD_DIR", world.resolve("ood").toString()))
                .closeOnExit().start();
        try {
            out.printf(Locale.ROOT, "      UP in %.1f s; logs in %s%n", stack.startedIn().toMillis() / 1000.0,
                    stack.runDir());
            step.next("the same world through the services: preprocessing -> rex.programs -> explanation");
            Path trainingData = DemoThroughServices.explain(stack, world, report, dir.resolve("gqa-rex-services"),
                    gqaRex, out);

            step.next("training a tiny REX model through the training service (POST /api/training-runs, multi-task,"
                    + " %d epochs) on %s -> %s", epochs, shown(root, trainingData), shown(root, model.resolve("runs")));
            DemoThroughTraining.Trained trained = DemoThroughTraining.train(stack.url("training"),
                    ApiKeyFile.read(stack.apiKeyFile(), "the stack's API key"), stack.kafkaBootstrapServers(),
                    new DemoThroughTraining.Request(world.resolve("questions"), trainingData, world, "tiny",
                            TrainMode.MULTITASK.cliName(), epochs, batch, LR, seed),
                    out, stack.runDir().resolve("training.log"));
            ModelEvent m = trained.model();
            out.printf(Locale.ROOT, "      training run %s SUCCEEDED in %s: best epoch %d of %d, val %s%n",
                    trained.runId(), ProgressBar.format(Duration.ofMillis((long) (trained.seconds() * 1000))),
                    trained.bestEpoch(), epochs, TrainCommand.BarListener.format(trained.bestValMetrics()));
            out.printf(Locale.ROOT, "      the training service announced %s %s on %s (training run %s, %s, sha256"
                            + " %s)%n", m.modelName(), m.version(), Topics.MODELS, m.runId(),
                    shown(root, Path.of(m.location())), m.sha256().substring(0, 12));

            step.next("its answers through the inference service: rex.models -> inference -> rex.predictions");
            String version = m.version();
            Path log = stack.runDir().resolve("inference.log");
            double waited = DemoThroughInference.awaitServing(stack.url("inference"), version, log);
            out.printf(Locale.ROOT, "      the inference service serves %s (%.1f s after the run ended)%n", version,
                    waited);
            String streamId = "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                    .withZone(ZoneOffset.UTC).format(Instant.now());
            List<InferenceRequestEvent> requests = DemoThroughInference.requests(
                    world.resolve("questions").resolve("val_balanced_questions.json"), "val", streamId, version);
            DemoThroughInference.Streamed streamed = DemoThroughInference.stream(stack.kafkaBootstrapServers(),
                    requests, version, log);
            out.printf(Locale.ROOT, "      %d of %d val questions answered on %s in %.1f s: %.1f predictions/s%n",
                    streamed.predictions().size(), streamed.requested(), Topics.PREDICTIONS, streamed.seconds(),
                    streamed.perSecond());

            step.next("the evaluation service's table of those predictions (rex.evaluations: BLEU, METEOR, ROUGE-L,"
                    + " CIDEr, grounding, attribute recall, VQA and GQA-OOD accuracy; SPICE off)");
            EvaluationEvent published = DemoPublishedTable.await(stack.url("evaluation"), version, "val",
                    streamed.predictions().size(), Duration.ofSeconds(180));
            DemoPublishedTable.print(out, published, "trained by the training service, run " + trained.runId()
                    + ", best epoch " + trained.bestEpoch() + ", announced on " + Topics.MODELS + " as " + m.modelName()
                    + " " + m.version(), stack.url("evaluation") + "/");
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** Steps 3 and 4 without the stack: the library trains in this process and scores its own validation pass. */
    private void scienceOnly(PrintStream out, DemoSteps step, Path root, DemoWork work) throws Exception {
        Path world = work.world();
        Path model = work.model();
        step.next("training a tiny REX model (multi-task, %d epochs, in-process) on %s -> %s", epochs,
                shown(root, work.gqaRex()), shown(root, model));
        TorchThreads.set(1);
        TrainingConfig cfg = TrainingConfig.defaults(world.resolve("questions"), work.gqaRex(), world, "tiny",
                TrainMode.MULTITASK, model).withEpochs(epochs).withBatch(batch).withLr(LR).withSeed(seed).validate();
        Map<Integer, Validation.Result> validations = new LinkedHashMap<>();
        Trainer.Result trained = new Trainer(cfg, FeatureSource.of(FeatureStore.open(world)))
                .run(new CapturingListener(new TrainCommand.BarListener(System.err), validations), () -> false);
        Validation.Result best = validations.getOrDefault(trained.bestEpoch(),
                validations.isEmpty() ? null : validations.values().stream().reduce((a, b) -> b).orElseThrow());
        if (best == null) throw new IllegalStateException("training produced no validation pass");

        Map<String, String> answers = new LinkedHashMap<>(best.answers());
        Map<String, String> explanations = new LinkedHashMap<>();
        best.explanations().forEach((qid, e) -> explanations.put(qid, Validation.EMPTY.equals(e) ? "" : e));
        step.next("evaluating on val (BLEU, METEOR, ROUGE-L, CIDEr, SPICE off, grounding, attribute recall, VQA and"
                + " GQA-OOD accuracy)");
        RexEvaluation.Input input = EvalInputs.forSplit(world.resolve("questions"), world.resolve("sceneGraphs"),
                FeatureStore.open(world), work.gqaRex(), "val", answers, explanations,
                EvalInputs.Tables.load(world.resolve("rex-eval"), world.resolve("ood"), null, "val"));
        RexEvaluation.Report r = new RexEvaluation(CaptionOptions.defaults().withSpice(false)).evaluate(input);
        printTable(out, r, trained, "in-process validation pass (--no-stack)");
    }

    /** The CLI's progress bars, plus every validation pass kept for the evaluation. */
    private record CapturingListener(TrainingListener bar, Map<Integer, Validation.Result> validations)
            implements TrainingListener {
        @Override
        public void started(RunInfo info) {
            bar.started(info);
        }

        @Override
        public void step(StepProgress progress) {
            bar.step(progress);
        }

        @Override
        public void epoch(EpochResult result) {
            bar.epoch(result);
        }

        @Override
        public void validated(int epoch, Validation.Result result) {
            validations.put(epoch, result);
            bar.validated(epoch, result);
        }

        @Override
        public void note(String message) {
            bar.note(message);
        }
    }

    private static void printTable(PrintStream out, RexEvaluation.Report r, Trainer.Result trained, String source) {
        out.println();
        out.printf(Locale.ROOT, "REX tiny on the synthetic world, val split (%d explained questions, best epoch %d, %s)%n",
                r.captionItems(), trained.bestEpoch() + 1, trained.best());
        out.println("  answers and explanations: " + source);
        // the library's note names --no-spice, which the demo's user never typed
        ReportTable.print(out, r, Map.of("SPICE", "off in the demo (its parser needs about 2 GB of heap); 'rex eval'"
                + " and 'rex metrics' compute it"));
    }

    /**
     * Every option checked before anything is deleted, generated or started: sizes, that the work folder can be
     * written and, with the stack, that the services are built and their ports free.
     */
    private void checkOptions(DemoWork work, Path root) {
        Checks checks = new Checks()
                .atLeast("--images", images, 3)
                .atLeast("--questions-per-image", questionsPerImage, 1)
                .atLeast("--epochs", epochs, 1)
                .atLeast("--batch", batch, 1)
                .writableDir("work folder", work.dir());
        if (!noStack && epochs > SERVICE_MAX_EPOCHS) {
            checks.fail("--epochs", "must be at most " + SERVICE_MAX_EPOCHS + " with the stack, got " + epochs,
                    "the training service trains at most that many (rex.training.max-epochs); give --epochs "
                            + SERVICE_MAX_EPOCHS + " or less, or --no-stack");
        }
        if (!noStack && batch > SERVICE_MAX_BATCH) {
            checks.fail("--batch", "must be at most " + SERVICE_MAX_BATCH + " with the stack, got " + batch,
                    "the training service's largest batch (rex.training.max-batch); give --batch "
                            + SERVICE_MAX_BATCH + " or less, or --no-stack");
        }
        checks.orThrow();
        if (!noStack) {
            Stack.checkStartable(root, StackService.ALL);
        }
    }

    private static String shown(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    private static String indent(String s) {
        return "      " + s.replace("\n", "\n      ");
    }
}
