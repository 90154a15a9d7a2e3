package dev.rex.cli;

import ai.djl.ndarray.NDManager;
import dev.rex.model.NamedArrays;
import dev.rex.model.RexBatch;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import dev.rex.model.RexOutput;
import dev.rex.model.RexPredictor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rex model run --checkpoint DIR --input IN.npz --out OUT.npz}: one evaluation-mode forward pass. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one evaluation-mode forward pass of a checkpoint on the arrays of an .npz file.",
                "One evaluation-mode forward pass of a checkpoint on the arrays of IN.npz: img float32 "
                + "[B,36,2048], text_input, token_type, attention_mask int64 [B,L], and optionally exp int64 "
                + "[B,num_step] (teacher forcing: step t+1 is fed exp[:,t]; without it, greedy arg-max decoding).",
                "Writes OUT.npz with answer_probs float32 [B,nb_answer], word_probs float32 "
                        + "[B,num_step,nb_vocab+1] and, when the structure gate is on, gate float32 [B,num_step].",
                "The checkpoint needs model.safetensors and config.json; exp2idx.json, ans2idx.json and vocab.txt "
                        + "are optional here (when present, the decoded explanations and answers are printed)."})
public final class ModelRunCommand implements Callable<Integer> {
    @CommandLine.Mixin
    CheckpointOption checkpoint;

    @Option(names = "--input", required = true, paramLabel = "IN.npz", description = "input arrays (.npz)")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "where to write the outputs")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // checked before the engine loads: a wrong path costs milliseconds, not libtorch's start-up
        Checks checks = new Checks();
        checkpoint.check(checks, false);
        checks.readableFile("--input", input, "an .npz of input arrays (img, text_input, token_type, attention_mask)")
                .writableFile("--out", out).orThrow();
        PrintWriter o = spec.commandLine().getOut();
        try (RexModel model = RexCheckpoint.load(checkpoint.dir()); NDManager m = NDManager.newBaseManager()) {
            RexBatch batch = RexBatch.fromNamed(NamedArrays.read(m, input));
            long start = System.nanoTime();
            RexOutput result;
            try (RexPredictor predictor = model.newPredictor()) {
                result = predictor.predict(batch);
            }
            double ms = (System.nanoTime() - start) / 1e6;
            NamedArrays.writeNpz(result.toNamedList(m), out);
            o.printf(Locale.ROOT, "%d sample(s), %s decoding, %.0f ms -> %s%n", batch.batch(),
                    batch.exp() == null ? "greedy" : "teacher-forced", ms, out);
            model.dictionaries().ifPresent(d -> {
                List<String> words = d.idx2exp();
                List<String> answers = List.copyOf(d.ans2idx().keySet());
                for (int b = 0; b < result.batch(); b++) {
                    o.printf("  [%d] answer: %s | explanation: %s%n", b, answers.get(argMax(result, b)),
                            explanation(result.argMaxWords(b), words));
                }
            });
        }
        o.flush();
        return 0;
    }

    private static int argMax(RexOutput r, int b) {
        int best = 0;
        for (int a = 1; a < r.nbAnswer(); a++) {
            if (r.answerProb(b, a) > r.answerProb(b, best)) {
                best = a;
            }
        }
        return best;
    }

    /** Words up to the first end-of-sentence index 0. */
    private static String explanation(int[] ids, List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == 0) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(words.get(id));
        }
        return sb.toString();
    }
}
