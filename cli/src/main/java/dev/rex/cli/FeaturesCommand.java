package dev.rex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rex features ...}: the bottom-up region feature store. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Manage the per-image bottom-up feature store (boxes/ and features/ .npy files).",
        subcommands = {
                FeaturesImportCommand.class
        })
public final class FeaturesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-verb: see 'rex features --help'.");
    }
}
