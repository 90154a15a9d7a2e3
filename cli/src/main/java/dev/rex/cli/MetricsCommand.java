package dev.rex.cli;

import dev.rex.metrics.CaptionFiles;
import dev.rex.metrics.CaptionMetrics;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.CaptionReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rex metrics --gts FILE --res FILE [--json OUT] [--no-spice] [--meteor-paraphrase FILE]}: the caption
 * metrics exactly as pycocoevalcap computes them, on pycocoevalcap's input files.
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Score captions as pycocoevalcap does: BLEU-1..4, METEOR, ROUGE-L, CIDEr-D, SPICE.",
                "PTB tokenization (CoreNLP 3.4.1). Both files map qid -> [string] (raw text); every item is "
                + "scored as given (no REX conventions). Prints a table; --json writes corpus and per-item scores "
                + "on pycocoevalcap's scale (not x100), null where not computed, with notes saying why."})
public final class MetricsCommand implements Callable<Integer> {

    @Option(names = "--gts", required = true, paramLabel = "FILE", description = "references: qid -> [string, ...]")
    Path gts;

    @Option(names = "--res", required = true, paramLabel = "FILE", description = "candidates: qid -> [string] (one each)")
    Path res;

    @Option(names = "--json", paramLabel = "OUT", description = "write corpus, per-item scores and notes here")
    Path json;

    @Option(names = "--no-spice", description = "skip SPICE (slow); its values are null with a note")
    boolean noSpice;

    @Option(names = "--meteor-paraphrase", paramLabel = "FILE",
            description = "METEOR paraphrase table (paraphrase-en.gz); without it METEOR runs exact/stem/synonym only")
    Path meteorParaphrase;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // outputs too: a long computation must not end in "(Is a directory)"
        new Checks().readableFile("--gts", gts, "the references file (qid -> [string, ...], JSON)")
                .readableFile("--res", res, "the candidates file (qid -> [string], JSON)")
                .readableFile("--meteor-paraphrase", meteorParaphrase,
                        "METEOR 1.5's paraphrase-en.gz, or leave the option out")
                .writableFile("--json", json)
                .orThrow();
        Map<String, List<String>> refs = CaptionFiles.readStringLists(gts, "--gts");
        Map<String, List<String>> cands = CaptionFiles.readStringLists(res, "--res");
        CaptionReport report;
        try (ProgressBar bar = new ProgressBar("metrics", 0)) {
            CaptionOptions options = CaptionOptions.defaults()
                    .withSpice(!noSpice)
                    .withMeteorParaphrase(meteorParaphrase)
                    .withProgress((stage, done, total) -> bar.update(done, stage + (total > 0 ? " " + done + "/" + total : "")));
            report = new CaptionMetrics(options).evaluateRaw(refs, cands);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%d items%n", report.perItem().size());
        out.printf(Locale.ROOT, "%-8s %14s %10s%n", "metric", "score", "x100");
        for (String key : CaptionMetrics.KEYS) {
            Double v = report.corpus().get(key);
            if (v == null) {
                out.printf(Locale.ROOT, "%-8s %14s %10s%n", key, "null", "-");
            } else {
                out.printf(Locale.ROOT, "%-8s %14.10f %10.2f%n", key, v, v * 100);
            }
        }
        report.notes().forEach((k, v) -> out.printf(Locale.ROOT, "note %s: %s%n", k, v));
        if (json != null) {
            CaptionFiles.write(report, json);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }
}
