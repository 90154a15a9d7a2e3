package dev.rex.gqa.build;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random choice of same/different (the original's {@code np.random.choice} on NumPy's global generator) made
 * deterministic: each question draws from its own generator seeded by the build seed and the qid, so a question's
 * explanation does not depend on which other questions were built, in which order, or on how many threads.
 */
public final class QuestionSeeds {
    private QuestionSeeds() {
    }

    public static RandomGenerator forQuestion(long seed, String qid) {
        long h = 1125899906842597L;
        for (int i = 0; i < qid.length(); i++) h = 31 * h + qid.charAt(i);
        return new SplittableRandom(seed ^ (h * 0x9E3779B97F4A7C15L));
    }
}
