package dev.rex.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns failures into one clear line on stderr and a non-zero exit, never a stack trace for user errors. */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String verb = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof IllegalArgumentException || ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof IllegalStateException) {
            cmd.getErr().println(verb + ": error: " + ex.getMessage());
        } else {
            cmd.getErr().println(verb + ": unexpected error: " + ex);
            ex.printStackTrace(cmd.getErr());
        }
        return 2;
    }
}
