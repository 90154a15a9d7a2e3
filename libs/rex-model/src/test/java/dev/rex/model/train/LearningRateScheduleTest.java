package dev.rex.model.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearningRateScheduleTest {
    @Test
    void decaysByAQuarterEveryDivisorEpochsCountingFromEpochPlusOne() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4, 8);
        for (int e = 0; e <= 6; e++) assertEquals(1e-4, s.at(e), 1e-18, "epoch " + e);
        assertEquals(2.5e-5, s.at(7), 1e-18);
        assertEquals(2.5e-5, s.at(14), 1e-18);
        assertEquals(6.25e-6, s.at(15), 1e-18);
    }

    @Test
    void vqaTransferUsesDivisorTwelve() {
        LearningRateSchedule s = TrainMode.VQA.schedule(4e-4);
        assertEquals(4e-4, s.at(7), 1e-18);
        assertEquals(4e-4, s.at(10), 1e-18);
        assertEquals(1e-4, s.at(11), 1e-18);
    }

    @Test
    void rejectsNonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 8));
    }
}
