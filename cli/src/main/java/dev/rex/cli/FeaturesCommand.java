package dev.rex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rex features ...}: the bottom-up region feature store. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Import region features into the per-image feature store (boxes/<id>.npy, features/<id>.npy).",
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
