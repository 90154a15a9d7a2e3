package dev.rex.cli;

import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.features.ImageFeatures;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import dev.rex.model.infer.Answer;
import dev.rex.model.infer.GroundedRegion;
import dev.rex.model.infer.Question;
import dev.rex.model.infer.QuestionAnswerer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code rex ask}: one question about one image, answered and explained by a checkpoint, in-process. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Answer one question about one image with a checkpoint, and explain the answer.",
                "As the inference service does, it prints the answer and its probability, the greedy explanation,"
                        + " the regions its #k tokens point at (k -> box x1,y1,x2,y2 in pixels) and the structure"
                        + " gate at each decoded step (1 = word, 0 = region).",
                "The checkpoint needs its dictionaries (exp2idx.json, ans2idx.json, vocab.txt); the features folder "
                        + "is a feature store (features/<id>.npy, boxes/<id>.npy: see 'rex features import')."})
public final class AskCommand implements Callable<Integer> {
    @CommandLine.Mixin
    CheckpointOption checkpoint;

    @CommandLine.Mixin
    FeatureStoreOption features;

    @Option(names = "--image", required = true, paramLabel = "ID", description = "image id in the feature store")
    String image;

    @Option(names = "--question", required = true, paramLabel = "TEXT", description = "the question, as asked")
    String question;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // every input checked, and all problems reported together, before the engine loads
        Checks checks = new Checks();
        checkpoint.check(checks, true);
        features.check(checks, image);
        checks.notBlank("--image", image, "give an image id of the feature store (a features/<id>.npy name)");
        checks.notBlank("--question", question, "ask a question about the image, e.g. --question \"What is on the"
                + " table?\"");
        checks.orThrow();
        FeatureStore store = FeatureStore.open(features.dir());
        if (!store.contains(image)) {
            throw new IllegalArgumentException("--image " + image + " is not in the feature store " + features.dir()
                    + " — expected features/" + image + ".npy and boxes/" + image + ".npy there");
        }
        ImageFeatures regions = store.get(image);
        Answer a;
        try (RexModel model = RexCheckpoint.load(checkpoint.dir()); QuestionAnswerer answerer = new QuestionAnswerer(model)) {
            a = answerer.answer(new Question(question, regions.features(), regions.boxes()));
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "answer: %s%n", a.answer());
        o.printf(Locale.ROOT, "confidence: %.4f%n", a.confidence());
        o.printf(Locale.ROOT, "explanation: %s%n", a.explanation().isEmpty() ? "(empty)" : a.explanationText());
        o.println(a.regions().isEmpty() ? "regions: (none)" : "regions:");
        for (GroundedRegion r : a.regions()) {
            o.printf(Locale.ROOT, "  %s -> [%.1f, %.1f, %.1f, %.1f]%n", r.token(), r.x1(), r.y1(), r.x2(), r.y2());
        }
        if (!a.gateValues().isEmpty()) {
            o.printf(Locale.ROOT, "gate: %s%n", a.gateValues().stream()
                    .map(g -> String.format(Locale.ROOT, "%.3f", g)).collect(Collectors.joining(" ")));
        }
        o.flush();
        return 0;
    }
}
