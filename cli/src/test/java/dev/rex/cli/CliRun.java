package dev.rex.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One {@code rex} invocation in-process, as the launcher runs it: exit code, standard output and error. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = RexCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
