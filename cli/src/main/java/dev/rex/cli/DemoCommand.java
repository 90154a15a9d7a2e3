package dev.rex.cli;

import static dev.rex.gqa.io.FileTrees.deleteTree;
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
 * {@code rex demo}: the whole method on this machine, end to end, on the bundled synthetic GQA world. The stack
 * runs alongside (and stays up for exploring): the world's GQA-REX goes through the preprocessing and explanation
 * services, and the trained model answers the val questions from the inference service, whose streamed predictions
 * are what the table scores. The dataset build, training and metrics run in-process over the libraries (each step
 * says where it runs); {@code --no-stack} scores the training's own validation pass instead.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole system on this machine, from a synthetic GQA world to the paper's metrics.",
                "Starts the local stack, generates a synthetic GQA world, builds its GQA-REX explanations (in-process"
                        + " and through the services), trains a tiny REX model, answers the val questions through the"
                        + " inference service, evaluates them with the paper's metrics and prints the table; the stack"
                        + " stays up until Ctrl-C.",
                "Work files: .rex/demo/. A rerun with the same --images, --questions-per-image and --seed reuses the"
                        + " world and its GQA-REX build; the model is always trained afresh."})
public final class DemoCommand implements Callable<Integer> {

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

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path root = UpCommand.repositoryRoot();
        DemoWork work = new DemoWork(root.resolve(".rex/demo"));
        checkOptions(work); // nothing is deleted or started before every option is known to be usable
        long started = System.nanoTime();
        Path world = work.world();
        Path gqaRex = work.gqaRex();
        Path model = work.model();
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

        Stack stack = null;
        Path trainingData = gqaRex;
        if (!noStack) {
            step.next("starting the local stack (Kafka, PostgreSQL, five services)...");
            stack = new Stack(root, StackService.ALL, Duration.ofSeconds(300), out)
                    // the explanation service explains with the batch build's corpus vocabularies; the inference
                    // service reads the world's region features (features/ and boxes/) by image id, and loads only
                    // checkpoints inside its models folder: the demo's model folder
                    .withServiceEnvironment(Map.of("REX_EXPLANATION_BUILD_DIR", gqaRex.toString(),
                            "REX_FEATURES_DIR", world.toAbsolutePath().toString(),
                            "REX_MODELS_DIR", model.toAbsolutePath().toString(),
                            // the evaluation service's attribute and GQA-OOD tables: the world's, as step 5 uses
                            "REX_EVALUATION_ATTRIBUTE_DIR", world.resolve("rex-eval").toAbsolutePath().toString(),
                            "REX_EVALUATION_OOD_DIR", world.resolve("ood").toAbsolutePath().toString()))
                    .closeOnExit().start();
            out.printf(Locale.ROOT, "      UP in %.1f s; logs in %s%n", stack.startedIn().toMillis() / 1000.0,
                    stack.runDir());
            step.next("the same world through the services: preprocessing -> rex.programs -> explanation");
            trainingData = DemoThroughServices.explain(stack, world, report, work.dir().resolve("gqa-rex-services"),
                    gqaRex, out);
        } else {
            out.println("      --no-stack: the services are skipped; training reads the batch build");
        }

        step.next("training a tiny REX model (multi-task, %d epochs, in-process) on %s -> %s", epochs,
                shown(root, trainingData), shown(root, model));
        TorchThreads.set(1);
        TrainingConfig cfg = TrainingConfig.defaults(world.resolve("questions"), trainingData, world, "tiny",
                TrainMode.MULTITASK, model).withEpochs(epochs).withBatch(batch).withLr(2e-3).withSeed(seed).validate();
        Map<Integer, Validation.Result> validations = new LinkedHashMap<>();
        Trainer.Result trained = new Trainer(cfg, FeatureSource.of(FeatureStore.open(world)))
                .run(new CapturingListener(new TrainCommand.BarListener(System.err), validations), () -> false);
        Validation.Result best = validations.getOrDefault(trained.bestEpoch(),
                validations.isEmpty() ? null : validations.values().stream().reduce((a, b) -> b).orElseThrow());
        if (best == null) throw new IllegalStateException("training produced no validation pass");

        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> explanations = new LinkedHashMap<>();
        String source;
        String servedVersion = null;
        if (stack != null) {
            step.next("the best checkpoint through the inference service: rex.models -> inference ->"
                    + " rex.predictions");
            String runId = "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                    .withZone(ZoneOffset.UTC).format(Instant.now());
            String version = runId + String.format(Locale.ROOT, "-epoch-%03d", trained.bestEpoch() + 1);
            servedVersion = version;
            Map<String, Object> training = new LinkedHashMap<>();
            training.put("config", "tiny");
            training.put("mode", TrainMode.MULTITASK.cliName());
            training.put("epochs", epochs);
            training.put("batch", batch);
            training.put("lr", 2e-3);
            training.put("seed", seed);
            training.put("data", trainingData.toAbsolutePath().toString());
            ModelEvent announced = DemoThroughInference.modelEvent(runId, version, trained.best(), training,
                    best.metrics());
            DemoThroughInference.announce(stack.kafkaBootstrapServers(), announced);
            out.printf(Locale.ROOT, "      announced %s %s on %s (%s, sha256 %s)%n", announced.modelName(), version,
                    Topics.MODELS, announced.location(), announced.sha256().substring(0, 12));
            Path log = stack.runDir().resolve("inference.log");
            double waited = DemoThroughInference.awaitServing(StackService.named("inference").url(), version, log);
            out.printf(Locale.ROOT, "      the inference service serves it after %.1f s%n", waited);
            List<InferenceRequestEvent> requests = DemoThroughInference.requests(
                    world.resolve("questions").resolve("val_balanced_questions.json"), best.explanations().keySet(),
                    "val", runId, version);
            DemoThroughInference.Streamed streamed = DemoThroughInference.stream(stack.kafkaBootstrapServers(),
                    requests, version, log);
            streamed.predictions().forEach((qid, p) -> {
                answers.put(qid, p.answer());
                explanations.put(qid, DemoThroughInference.explanation(p));
            });
            out.printf(Locale.ROOT, "      %d of %d predictions received from %s in %.1f s: %.1f predictions/s"
                            + " through the service%n", streamed.predictions().size(), streamed.requested(),
                    Topics.PREDICTIONS, streamed.seconds(), streamed.perSecond());
            source = String.format(Locale.ROOT, "through the inference service: %d predictions of model %s",
                    streamed.predictions().size(), version);
        } else {
            best.answers().forEach(answers::put);
            best.explanations().forEach((qid, e) -> explanations.put(qid, Validation.EMPTY.equals(e) ? "" : e));
            source = "in-process validation pass (--no-stack)";
        }
        step.next("evaluating on val (BLEU, METEOR, ROUGE-L, CIDEr, SPICE off, grounding, attribute recall, VQA and"
                + " GQA-OOD accuracy)");
        RexEvaluation.Input input = EvalInputs.forSplit(world.resolve("questions"), world.resolve("sceneGraphs"),
                FeatureStore.open(world), trainingData, "val", answers, explanations,
                EvalInputs.Tables.load(world.resolve("rex-eval"), world.resolve("ood"), null, "val"));
        RexEvaluation.Report r = new RexEvaluation(CaptionOptions.defaults().withSpice(false)).evaluate(input);
        printTable(out, r, trained, source);
        if (stack != null) {
            out.println("[5/6] the evaluation service's own table of the same predictions (rex.evaluations)");
            EvaluationEvent published = DemoPublishedTable.await(StackService.named("evaluation").url(), servedVersion,
                    "val", answers.size(), Duration.ofSeconds(180));
            DemoPublishedTable.print(out, published, StackService.named("evaluation").url() + "/");
        }

        out.printf(Locale.ROOT, "done in %s%n", ProgressBar.format(Duration.ofNanos(System.nanoTime() - started)));
        if (stack == null || exitAtEnd) {
            if (stack != null) stack.close();
            return 0;
        }
        out.println("The stack stays up: " + StackService.ALL.stream().map(s -> s.name() + " " + s.url())
                .reduce((a, b) -> a + ", " + b).orElse("") + ". Ctrl-C stops everything.");
        out.println("Dashboard (the evaluation service's tables of the streamed predictions): "
                + StackService.named("evaluation").url() + "/");
        while (!stack.isClosed()) {
            Thread.sleep(2000);
        }
        return 0;
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
    private void checkOptions(DemoWork work) {
        Checks checks = new Checks()
                .atLeast("--images", images, 3)
                .atLeast("--questions-per-image", questionsPerImage, 1)
                .atLeast("--epochs", epochs, 1)
                .atLeast("--batch", batch, 1)
                .writableDir("work folder", work.dir());
        checks.orThrow();
        if (!noStack) {
            Stack.checkStartable(UpCommand.repositoryRoot(), StackService.ALL);
        }
    }

    private static String shown(Path root, Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    private static String indent(String s) {
        return "      " + s.replace("\n", "\n      ");
    }
}
