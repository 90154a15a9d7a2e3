package dev.rex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rex dlq ...}: the dead-letter topics ({@code <topic>.dlq}). */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspect and replay dead letters (records a service could not process, in <topic>.dlq).",
        subcommands = {DlqReplayCommand.class})
public final class DlqCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-verb: see 'rex dlq --help'.");
    }
}
