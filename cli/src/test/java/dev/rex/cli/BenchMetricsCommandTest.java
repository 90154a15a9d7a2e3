package dev.rex.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex bench metrics} prints a peer figure only when it measured one in the same run. */
class BenchMetricsCommandTest {
    @Test
    void withoutPeerPythonNoPeerFigureIsPrinted() {
        CliRun r = CliRun.of("bench", "metrics", "--pairs", "200", "--warmup", "0", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pycocoevalcap: not measured in this run"), r.out());
        assertFalse(r.out().contains("14.3") || r.out().contains("(pycocoevalcap,"), r.out());
    }

    @Test
    void aPeerPythonThatCannotRunIsAUserErrorBeforeAnyWork() {
        CliRun r = CliRun.of("bench", "metrics", "--pairs", "200", "--peer-python", "/nonexistent/python3");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--peer-python") && r.err().contains("cannot be started"), r.err());
        assertFalse(r.out().contains("tokenize/s"), r.out());
    }
}
