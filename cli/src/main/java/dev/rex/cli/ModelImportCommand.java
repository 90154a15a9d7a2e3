package dev.rex.cli;

import dev.rex.model.RexImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rex model import}: a REX weights file as users receive it (pickled PyTorch included) into a checkpoint. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turn REX weights as they are published into a checkpoint directory (model.safetensors, "
                + "config.json and, when given, exp2idx.json, ans2idx.json, vocab.txt).",
                "FILE may be the original's torch.save(model.state_dict()) file (model_best.pth, zip or pre-1.6 "
                        + "format, with or without the 'module.' prefix), a .bin, .safetensors or .npz; DIR a folder "
                        + "holding one of them. Pickles are read without Python and without running code: any global "
                        + "a state dict does not need is refused.",
                "vocab_size, nb_answer and nb_vocab come from the tensors' shapes; the rest from --config."})
public final class ModelImportCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "FILE|DIR", description = "the weights")
    Path from;

    @Option(names = "--config", required = true, paramLabel = "tiny|small|base|FILE",
            description = "size preset or config.json (base = the published REX, VisualBERT base)")
    String config;

    @Option(names = "--answers", paramLabel = "ans2idx.json", description = "answer dictionary of the weights")
    Path answers;

    @Option(names = "--explanations", paramLabel = "exp2idx.json",
            description = "explanation dictionary of the weights")
    Path explanations;

    @Option(names = "--vocab", paramLabel = "vocab.txt",
            description = "WordPiece vocabulary the weights were trained with (bert-base-uncased's for the original)")
    Path vocab;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "checkpoint directory to write")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int given = (answers != null ? 1 : 0) + (explanations != null ? 1 : 0) + (vocab != null ? 1 : 0);
        if (given != 0 && given != 3) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--answers, --explanations and --vocab go "
                    + "together: give all three (a checkpoint's dictionaries) or none (weights only; 'rex model run' "
                    + "works on indices)");
        }
        RexImport.DictionaryFiles dict = given == 3 ? new RexImport.DictionaryFiles(answers, explanations, vocab)
                : null;
        RexImport.Result r = RexImport.run(from, config, dict, out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: %d tensors -> %s (hidden %d, %d layers, %d answers, %d explanation words%s)%n",
                r.weights(), r.tensors(), out, r.config().hiddenSize(), r.config().numHiddenLayers(),
                r.config().nbAnswer(), r.config().nbVocab(), dict == null ? ", no dictionaries" : "");
        if (!r.skipped().isEmpty()) {
            o.printf(Locale.ROOT, "not used by REX, left out: %s%n", r.skipped());
        }
        o.flush();
        return 0;
    }
}
