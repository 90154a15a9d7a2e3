package dev.rex.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Turns failures into clear lines on stderr and exit status 2: every problem of {@link Checks} on its own line, a
 * user error as one line, an unexpected one as one line plus (with {@code --verbose}) its stack trace. A wrong
 * option or a missing one (picocli's parse errors) says what was wrong and where to read more, without the whole
 * usage text.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String verb = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        if (ex instanceof Checks.UsageProblems problems) {
            problems.problems().forEach(p -> err.println(verb + ": error: " + p));
            err.println(verb + ": see '" + verb + " --help'");
        } else if (ex instanceof JsonProcessingException json) {
            err.println(verb + ": error: " + plain(json));
        } else if (ex instanceof FileSystemException fs) {
            err.println(verb + ": error: " + plain(fs));
        } else if (ex instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException fs) {
            err.println(verb + ": error: " + (u.getMessage() == null || u.getMessage().equals(fs.toString())
                    ? "" : u.getMessage().replace(fs.toString(), "").trim() + ": ") + plain(fs));
        } else if (ex instanceof IllegalArgumentException || ex instanceof IOException
                || ex instanceof UncheckedIOException || ex instanceof IllegalStateException) {
            err.println(verb + ": error: " + ex.getMessage());
        } else {
            err.println(verb + ": unexpected error: " + ex
                    + (CliLogging.verbose() ? "" : " (run again with --verbose for the stack trace)"));
            if (CliLogging.verbose()) {
                ex.printStackTrace(err);
            }
        }
        err.flush();
        return USAGE;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String verb = cmd.getCommandSpec().qualifiedName();
        err.println(verb + ": error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println(verb + ": see '" + verb + " --help'");
        err.flush();
        return USAGE;
    }

    /** Jackson's message without the "Source: ..." location dump, with line and column instead. */
    static String plain(JsonProcessingException e) {
        var loc = e.getLocation();
        return "not valid JSON: " + e.getOriginalMessage()
                + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")");
    }

    /** The JDK's terse file errors ("/x: Is a directory") as a sentence that names the path and the problem. */
    static String plain(FileSystemException e) {
        String what = e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        return e.getFile() + ": " + what + (e.getOtherFile() == null ? "" : " (" + e.getOtherFile() + ")");
    }
}
