package dev.rex.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A smoke run of {@code rex bench inference}: one row per (batch, workers) with a positive rate. */
class BenchInferenceCommandTest {
    @Test
    void printsARowPerBatchAndWorkerCount() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new BenchInferenceCommand()).execute("--sizes", "tiny", "--batch", "1,3",
                    "--workers", "1,2", "--questions", "6");
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        for (String row : new String[]{"tiny\\s+1\\s+1", "tiny\\s+1\\s+2", "tiny\\s+3\\s+1", "tiny\\s+3\\s+2"}) {
            assertTrue(out.matches("(?s).*\\n" + row + "\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\n.*"), row + " missing:\n" + out);
        }
    }
}
