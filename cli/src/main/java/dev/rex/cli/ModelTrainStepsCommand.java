package dev.rex.cli;

import dev.rex.model.train.TrainSteps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rex model train-steps}: the trainer's own steps on fixed batches, for comparison with the original. */
@Command(name = "train-steps", mixinStandardHelpOptions = true,
        description = {"Run fixed training steps from a checkpoint on the batches of FILE.npz through the trainer "
                + "of 'rex train' (the three losses, global-norm clipping, Adam), with the backbone's dropout at 0 so "
                + "that the steps are deterministic.",
                "FILE.npz holds, with a leading step axis: img [S,B,36,2048], text_input/token_type/attention_mask "
                        + "[S,B,L], ans [S,B], exp [S,B,num_step], valid_mask and structure_gate [S,B,num_step].",
                "Writes OUT/trace.json (per step: loss, ans_loss, exp_loss, gate_loss before the update, grad_norm "
                        + "before clipping) and OUT/final.safetensors (every tensor after the last step)."})
public final class ModelTrainStepsCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "checkpoint directory (model.safetensors, config.json)")
    Path checkpoint;

    @Option(names = "--batches", required = true, paramLabel = "FILE.npz", description = "the steps' batches")
    Path batches;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "3e-4",
            description = "Adam's learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--clip-norm", paramLabel = "X", defaultValue = "0.1",
            description = "global gradient-norm clip, 0 = off (default ${DEFAULT-VALUE}, main.py's)")
    double clipNorm;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%4s %12s %12s %12s %12s %12s%n", "step", "loss", "ans_loss", "exp_loss", "gate_loss",
                "grad_norm");
        List<TrainSteps.Step> trace = TrainSteps.run(checkpoint, batches, lr, clipNorm, out, s -> {
            o.printf(Locale.ROOT, "%4d %12.7f %12.7f %12.7f %12.7f %12.7f%n", s.step(), s.loss(), s.ansLoss(),
                    s.expLoss(), s.gateLoss(), s.gradNorm());
            o.flush();
        });
        o.printf(Locale.ROOT, "%d steps -> %s, %s%n", trace.size(), out.resolve(TrainSteps.TRACE),
                out.resolve(TrainSteps.FINAL));
        o.flush();
        return 0;
    }
}
