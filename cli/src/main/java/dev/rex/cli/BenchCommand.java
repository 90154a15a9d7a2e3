package dev.rex.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rex bench ...}: benchmarks that print figures; timing never decides a test. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: print throughput and memory figures.",
        subcommands = {
                BenchMetricsCommand.class,
                BenchMeteorCommand.class,
                BenchFeaturesCommand.class,
                BenchModelCommand.class,
                BenchInferenceCommand.class,
                BenchPipelineCommand.class,
                BenchTrainCommand.class,
                BenchDatasetCommand.class,
                BenchIngestCommand.class,
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing sub-verb: see 'rex bench --help'.");
    }
}
