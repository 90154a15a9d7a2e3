package dev.rex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rex model ...}: the REX network itself, outside training and serving. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Run the REX network (VisualBERT backbone, attentive decoder, structure gate) on tensors.",
        subcommands = {
                ModelRunCommand.class,
                ModelTrainStepsCommand.class,
                ModelImportCommand.class
        })
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-verb: see 'rex model --help'.");
    }
}
