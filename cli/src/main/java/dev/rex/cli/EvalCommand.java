package dev.rex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.rex.Grounding;
import dev.rex.metrics.rex.RexEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rex eval}: a checkpoint's answers and explanations for one split, scored with the paper's table
 * ({@link RexEvaluation}: BLEU-1..4, METEOR, ROUGE-L, CIDEr, SPICE, grounding as published and corrected, VQA
 * accuracy) against a GQA-REX build; the predictions can be written out.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Answer and explain a split's questions with a checkpoint and print the paper's metric table.",
                "Greedy, as REX evaluates; the table is scored against a GQA-REX build"
                        + " (converted_explanation_{split}.json); attribute recall with --attributes, GQA-OOD with"
                        + " --ood.",
                "Questions whose image has no features are counted and skipped."})
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", paramLabel = "DIR", description = "checkpoint with dictionaries (or --from-predictions)")
    Path checkpoint;

    @Option(names = "--from-predictions", paramLabel = "FILE", description = "score a predictions file written by "
            + "--predictions (qid -> {answer, explanation}) instead of running a checkpoint")
    Path fromPredictions;

    @Option(names = "--attributes", paramLabel = "DIR", description = "REX's attribute tables: attribute_eval_list.json, "
            + "attr2cat.json, attribute_bank_rel.json or attribute_bank.json (a synthetic world's rex-eval/)")
    Path attributes;

    @Option(names = "--ood", paramLabel = "DIR", description = "GQA-OOD files ood_{split}_{all,head,tail}.json "
            + "(a synthetic world's ood/)")
    Path ood;

    @Option(names = "--grounding-files", paramLabel = "DIR", description = "REX's grounding_annotation.json and "
            + "grounding_upper_bound.json; without them the annotated objects come from the questions' annotations")
    Path groundingFiles;

    @Option(names = "--upper-bound", defaultValue = "shared", paramLabel = "shared|own-mask", description = "computed "
            + "grounding upper bounds: 'shared' = one per question from all annotated boxes, for both variants "
            + "(the original's one bound file); 'own-mask' = each variant's own mask. Default: ${DEFAULT-VALUE}.")
    String upperBound;

    @Option(names = "--json", paramLabel = "OUT", description = "write the table with full precision as JSON here")
    Path jsonOut;

    @Option(names = "--questions", required = true, paramLabel = "DIR", description = "holds {split}_balanced_questions.json")
    Path questions;

    @Option(names = "--scene-graphs", paramLabel = "DIR",
            description = "holds {split}_sceneGraphs.json (grounding); without it (GQA's testdev has none) no grounding")
    Path sceneGraphs;

    @Option(names = "--features", required = true, paramLabel = "DIR", description = "feature store (features/, boxes/)")
    Path features;

    @Option(names = "--data", paramLabel = "DIR", description = "a GQA-REX build (converted_explanation_{split}.json); "
            + "without it, or without that file (testdev), only the answers are scored")
    Path data;

    @Option(names = "--split", defaultValue = "val", description = "Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--batch", defaultValue = "32", description = "questions per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--no-spice", description = "skip SPICE (it needs about 2 GB of heap and is slow)")
    boolean noSpice;

    @Option(names = "--meteor-paraphrase", paramLabel = "FILE", description = "METEOR's paraphrase-en.gz")
    Path meteorParaphrase;

    @Option(names = "--predictions", paramLabel = "OUT", description = "write qid -> {answer, confidence, explanation} here")
    Path predictionsOut;

    @Override
    public Integer call() throws Exception {
        EvalInputs.Tables tables = validate();
        FeatureStore store = FeatureStore.open(features);
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> explanations = new LinkedHashMap<>();
        if (fromPredictions != null) {
            EvalInputs.readPredictions(fromPredictions, answers, explanations);
        } else {
            predict(store, answers, explanations);
        }
        CaptionOptions options = CaptionOptions.defaults().withSpice(!noSpice);
        if (meteorParaphrase != null) options = options.withMeteorParaphrase(meteorParaphrase);
        boolean explained = data != null && Files.isRegularFile(data.resolve("converted_explanation_" + split + ".json"));
        if (!explained) {
            System.out.println("answers only: " + (data == null ? "no --data given" : "--data " + data
                    + " has no converted_explanation_" + split + ".json") + " (GQA's testdev has no explanations)");
        }
        RexEvaluation.Input input = EvalInputs.forSplit(questions, sceneGraphs, store, explained ? data : null, split,
                answers, explanations, tables);
        RexEvaluation.Report r = new RexEvaluation(options).withGroundingBound(Grounding.Bound.parse(upperBound))
                .evaluate(input);
        System.out.printf(Locale.ROOT, "%s on %s (%d explained questions)%n",
                fromPredictions != null ? fromPredictions : checkpoint, split, r.captionItems());
        ReportTable.print(System.out, r);
        if (jsonOut != null) {
            ReportTable.writeJson(jsonOut, r);
            System.out.println("table: " + jsonOut);
        }
        return 0;
    }

    /** Every option checked before any work; all problems reported together. */
    private EvalInputs.Tables validate() {
        List<String> problems = new ArrayList<>();
        if (batch < 1) problems.add("--batch must be at least 1, got " + batch);
        if ((checkpoint == null) == (fromPredictions == null)) {
            problems.add("give exactly one of --checkpoint DIR (run a model) and --from-predictions FILE (score a file)");
        } else if (checkpoint != null && !Files.isRegularFile(checkpoint.resolve("model.safetensors"))) {
            problems.add("--checkpoint " + checkpoint + " has no model.safetensors (give a folder written by rex train: "
                    + "epoch-NNN/ or best/)");
        } else if (fromPredictions != null && !Files.isRegularFile(fromPredictions)) {
            problems.add("--from-predictions " + fromPredictions + " is not a file (write one with rex eval --predictions)");
        }
        Path questionFile = questions.resolve(split + "_balanced_questions.json");
        if (!Files.isRegularFile(questionFile)) {
            problems.add("--questions " + questions + " has no " + questionFile.getFileName());
        }
        if (data != null && !Files.isDirectory(data)) {
            problems.add("--data " + data + " is not a folder (give a rex dataset build --out)");
        }
        if (sceneGraphs != null && !Files.isDirectory(sceneGraphs)) {
            problems.add("--scene-graphs " + sceneGraphs + " is not a folder");
        }
        try {
            Grounding.Bound.parse(upperBound);
        } catch (IllegalArgumentException e) {
            problems.add("--upper-bound: " + e.getMessage());
        }
        for (Path out : new Path[]{predictionsOut, jsonOut}) {
            if (out != null && Files.isDirectory(out)) problems.add(out + " is a directory: give a file to write");
        }
        EvalInputs.Tables tables = null;
        try {
            tables = EvalInputs.Tables.load(attributes, ood, groundingFiles, split);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        return tables;
    }

    private void predict(FeatureStore store, Map<String, String> answers, Map<String, String> explanations)
            throws IOException {
        Path questionFile = questions.resolve(split + "_balanced_questions.json");
        Map<String, Map<String, Object>> written = new LinkedHashMap<>();
        SplitAnswers.Result result;
        try (QuestionReader reader = new QuestionReader(questionFile, true)) {
            result = SplitAnswers.answer(checkpoint, store, validQuestions(reader), batch, "eval " + split);
        }
        result.answers().forEach((qid, a) -> {
            answers.put(qid, a.answer());
            explanations.put(qid, a.explanationText());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("answer", a.answer());
            row.put("confidence", a.confidence());
            row.put("explanation", a.explanationText());
            written.put(qid, row);
        });
        int noFeatures = result.noFeatures();
        double seconds = result.seconds();
        System.out.printf(Locale.ROOT, "%d questions answered in %.1f s (%.1f/s)%s%n", answers.size(), seconds,
                answers.size() / Math.max(seconds, 1e-9),
                noFeatures == 0 ? "" : "; " + noFeatures + " skipped: their image has no features in " + features);
        if (predictionsOut != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(predictionsOut.toFile(), written);
            System.out.println("predictions: " + predictionsOut);
        }
    }

    /** The reader's valid questions as the answerer takes them (invalid records are skipped, as the chain does). */
    private static SplitAnswers.Source validQuestions(QuestionReader reader) {
        return new SplitAnswers.Source() {
            private SplitAnswers.Asked next = advance();

            private SplitAnswers.Asked advance() {
                while (reader.hasNext()) {
                    QuestionEntry e = reader.next();
                    if (e.valid()) {
                        return new SplitAnswers.Asked(e.qid(), e.question().imageId(), e.question().question());
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public SplitAnswers.Asked next() {
                SplitAnswers.Asked out = next;
                next = advance();
                return out;
            }

            @Override
            public long bytesRead() {
                return reader.bytesRead();
            }

            @Override
            public long size() {
                return reader.fileSize();
            }
        };
    }
}
