package dev.rex.cli;

import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.BuildProgress;
import dev.rex.gqa.build.BuildReport;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.ground.IouMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rex dataset build}: GQA files → GQA-REX, as the original preprocessing chain builds it. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build GQA-REX explanations from GQA files, as the original REX preprocessing does.",
                "Build GQA-REX explanations from GQA questions, scene graphs and detected boxes, exactly as the "
                + "original REX preprocessing does.",
                "Writes per split simplified_semantics_, raw_explanation_, processed_explanation_, "
                        + "grounded_explanation_, converted_explanation_ and rejected_{split}.json, then exp2idx.json, "
                        + "ans2idx.json and vocabulary.json (the two corpus vocabularies)."})
public final class DatasetBuildCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--questions", required = true, paramLabel = "DIR",
            description = "directory of {split}_balanced_questions.json (with --all: {split}_all_questions.json or "
                    + "{split}_all_questions/{split}_all_questions_*.json)")
    Path questions;

    @Option(names = "--scene-graphs", required = true, paramLabel = "DIR",
            description = "directory of {split}_sceneGraphs.json")
    Path sceneGraphs;

    @Option(names = "--boxes", required = true, paramLabel = "DIR",
            description = "directory of <imageId>.npy: float32 [36,4], x1 y1 x2 y2 pixels")
    Path boxes;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created)")
    Path out;

    @Option(names = "--splits", split = ",", paramLabel = "SPLIT[,SPLIT...]",
            description = "splits in corpus order (default: train,val)")
    List<String> splits = BuildOptions.DEFAULT_SPLITS;

    @Option(names = "--all", description = "read GQA's unbalanced question files instead of the balanced ones")
    boolean all;

    @Option(names = "--iou", paramLabel = "reference|clamped", defaultValue = "reference",
            description = "grounding IoU: 'reference' = the original's unclamped IoU (the released data, default); "
                    + "'clamped' = corrected")
    String iou;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "seed of the per-question random choice of same/different (default: 0)")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "worker threads (default: all processors); output is the same for any number")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--graph-cache", paramLabel = "N", defaultValue = "4096",
            description = "scene graphs kept parsed per split (LRU; ~5-10 KB each; default: 4096)")
    int graphCache;

    @Override
    public Integer call() throws Exception {
        BuildOptions options = new BuildOptions(questions, sceneGraphs, boxes, out, splits, all, IouMode.parse(iou),
                seed, threads, graphCache);
        PrintWriter o = spec.commandLine().getOut();
        BuildReport report;
        try (PhaseBars bars = new PhaseBars()) {
            report = new DatasetBuilder().build(options, bars);
        }
        o.print(report.summary());
        o.println("written to " + out.toAbsolutePath());
        o.flush();
        return 0;
    }

    /** One progress bar per phase of the build. */
    static final class PhaseBars implements BuildProgress, AutoCloseable {
        private String phase;
        private ProgressBar bar;

        @Override
        public synchronized void update(String phase, long done, long total) {
            if (!phase.equals(this.phase)) {
                if (bar != null) bar.close();
                this.phase = phase;
                bar = new ProgressBar(phase, total);
            }
            bar.total(total);
            bar.update(done, "");
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
            bar = null;
        }
    }
}
