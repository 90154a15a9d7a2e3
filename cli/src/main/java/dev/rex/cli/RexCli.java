package dev.rex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Arrays;

/**
 * The {@code rex} command. Each verb is its own class; groups ({@code dataset}, {@code bench}, ...) list
 * their sub-verbs. Batch jobs run in-process over the libraries; {@code up}/{@code demo} drive the stack.
 * The first line of each verb's description is its one-line summary in {@code rex --help}: a whole sentence.
 */
@Command(name = "rex", mixinStandardHelpOptions = true, version = "rex 0.1.0",
        description = "REX on Kafka: build GQA-REX, train and serve REX, evaluate with the paper's metrics.",
        footer = {"", "Start with './rex demo' (the whole system on this machine) or './rex test' (every test).",
                "Each verb has --help; '--verbose' shows the libraries' log lines."},
        subcommands = {
                DemoCommand.class,
                UpCommand.class,
                TestCommand.class,
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

    /** Read before parsing by {@link CliLogging} (loggers are configured once); declared here for help and parsing. */
    @Option(names = CliLogging.VERBOSE, scope = ScopeType.INHERIT,
            description = "Show the libraries' log lines (info level) and stack traces of unexpected errors.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing verb: see 'rex --help'.");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RexCli());
        CliErrors errors = new CliErrors();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    public static void main(String[] args) {
        // DJL must never contact its metadata address: offline before any engine use (ARCHITECTURE §4).
        System.setProperty("ai.djl.offline", "true");
        CliLogging.configure(Arrays.asList(args));
        System.exit(commandLine().execute(args));
    }
}
