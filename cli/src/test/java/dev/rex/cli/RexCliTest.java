package dev.rex.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

class RexCliTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = RexCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheVerbs() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("dataset"), r.out());
        assertTrue(r.out().contains("bench"), r.out());
    }

    @Test
    void unknownVerbIsAClearErrorWithNonZeroExit() {
        Run r = run("frobnicate");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void missingVerbIsAnError() {
        assertNotEquals(0, run().code());
        assertNotEquals(0, run("dataset").code());
    }
}
