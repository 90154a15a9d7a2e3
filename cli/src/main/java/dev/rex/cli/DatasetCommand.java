package dev.rex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rex dataset ...}: building and moving GQA-REX data. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build, synthesize, publish and export GQA-REX datasets.",
        subcommands = {
                DatasetBuildCommand.class,
                DatasetSynthCommand.class,
                DatasetPublishCommand.class,
                DatasetExportCommand.class,
        })
public final class DatasetCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-verb: see 'rex dataset --help'.");
    }
}
