package dev.rex.cli;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.*;

class RexCliTest {


    @Test
    void helpListsTheVerbs() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("dataset"), r.out());
        assertTrue(r.out().contains("bench"), r.out());
    }

    @Test
    void unknownVerbIsAClearErrorWithNonZeroExit() {
        CliRun r = CliRun.of("frobnicate");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void missingVerbIsAnError() {
        assertNotEquals(0, CliRun.of().code());
        assertNotEquals(0, CliRun.of("dataset").code());
    }
}
