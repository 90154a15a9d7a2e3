package dev.rex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rex} command. Each verb is its own class; groups ({@code dataset}, {@code bench}, ...) list
 * their sub-verbs. Batch jobs run in-process over the libraries; {@code up}/{@code demo} drive the stack.
 */
@Command(name = "rex", mixinStandardHelpOptions = true, version = "rex 0.1.0",
        description = "REX on Kafka: build GQA-REX, train and serve REX, evaluate with the paper's metrics.",
        subcommands = {
                DemoCommand.class,
                UpCommand.class,
                DlqCommand.class,
                DatasetCommand.class,
                FeaturesCommand.class,
                ModelCommand.class,
                TrainCommand.class,
                AskCommand.class,
                EvalCommand.class,
                SubmissionCommand.class,
                MetricsCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class RexCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing verb: see 'rex --help'.");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RexCli());
        cl.setExecutionExceptionHandler(new CliErrors());
        return cl;
    }

    public static void main(String[] args) {
        // DJL must never contact its metadata address: offline before any engine use (ARCHITECTURE §4).
        System.setProperty("ai.djl.offline", "true");
        System.exit(commandLine().execute(args));
    }
}
