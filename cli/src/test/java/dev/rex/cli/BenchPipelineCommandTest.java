package dev.rex.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rex bench pipeline} refuses bad options before it touches anything (its figures need a running stack:
 * they are measured by hand, see the README, never asserted).
 */
class BenchPipelineCommandTest {
    @Test
    void aNonPositiveQuestionCountIsAUserErrorNamingTheOption() {
        CliRun r = CliRun.of("bench", "pipeline", "--bootstrap", "127.0.0.1:1", "--questions", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--questions"), r.err());
    }

    @Test
    void batchAndWorkersMustBePositive() {
        CliRun r = CliRun.of("bench", "pipeline", "--bootstrap", "127.0.0.1:1", "--batch", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--batch"), r.err());
    }
}
