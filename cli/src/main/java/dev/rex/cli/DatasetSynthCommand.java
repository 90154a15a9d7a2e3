package dev.rex.cli;

import dev.rex.gqa.synth.OperationFamily;
import dev.rex.gqa.synth.SynthWorld;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rex dataset synth}: a deterministic synthetic GQA world in GQA's formats. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Generate a deterministic synthetic GQA world in GQA's formats, with region features.",
                "Generate a deterministic synthetic GQA world (same seed, same bytes): "
                + "DIR/questions/{train,val,testdev}_balanced_questions.json, "
                + "DIR/sceneGraphs/{train,val,testdev}_sceneGraphs.json, DIR/boxes/<imageId>.npy [36,4], "
                + "DIR/features/<imageId>.npy [36,2048] and DIR/images.tsv (image sizes).",
                "Images are split 80/10/10 into train/val/testdev; questions cover every GQA operation family."})
public final class DatasetSynthCommand implements Callable<Integer> {
    @Option(names = "--images", required = true, paramLabel = "N", description = "number of images (>= 3)")
    int images;

    @Option(names = "--questions-per-image", required = true, paramLabel = "K", description = "questions per image")
    int questionsPerImage;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (new or empty)")
    Path out;

    @Option(names = "--overwrite", description = "replace a synthetic world already in DIR")
    boolean overwrite;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new Checks().atLeast("--images", images, 3).atLeast("--questions-per-image", questionsPerImage, 1)
                .writableDir("--out", out).orThrow();
        SynthWorld.Options options = new SynthWorld.Options(images, questionsPerImage, seed, out, overwrite);
        long start = System.nanoTime();
        SynthWorld.Summary summary;
        try (ProgressBar bar = new ProgressBar("synth", images)) {
            summary = SynthWorld.generate(options, (done, total) -> bar.update(done, "images"));
        }
        double secs = (System.nanoTime() - start) / 1e9;
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "synthetic world (seed %d) in %.1f s -> %s%n", seed, secs, out);
        o.printf(Locale.ROOT, "%-10s %8s %8s %8s%n", "", "train", "val", "testdev");
        o.printf(Locale.ROOT, "%-10s %8d %8d %8d%n", "images", summary.images().get("train"),
                summary.images().get("val"), summary.images().get("testdev"));
        o.printf(Locale.ROOT, "%-10s %8d %8d %8d%n", "questions", summary.questions().get("train"),
                summary.questions().get("val"), summary.questions().get("testdev"));
        for (OperationFamily f : OperationFamily.values()) {
            o.printf(Locale.ROOT, "%-10s %8d %8d %8d%n", f.name().toLowerCase(Locale.ROOT),
                    summary.familyCounts().get("train").get(f), summary.familyCounts().get("val").get(f),
                    summary.familyCounts().get("testdev").get(f));
        }
        o.flush();
        return 0;
    }
}
