package dev.rex.metrics.meteor;

import java.util.ArrayList;
import java.util.List;

/**
 * Every match the modules found, listed per reference start position in the order found, with how many
 * candidates cover each word of either side (a word covered once by a one-word match is aligned for sure).
 */
final class MatchCandidates {

    final List<List<WordMatch>> byRefStart;
    final int[] testCoverage;
    final int[] refCoverage;

    MatchCandidates(int testLength, int refLength) {
        byRefStart = new ArrayList<>(refLength);
        for (int i = 0; i < refLength; i++) {
            byRefStart.add(new ArrayList<>(2));
        }
        testCoverage = new int[testLength];
        refCoverage = new int[refLength];
    }

    void add(WordMatch m) {
        byRefStart.get(m.refStart()).add(m);
        for (int k = 0; k < m.testLength(); k++) {
            testCoverage[m.testStart() + k]++;
        }
        for (int k = 0; k < m.refLength(); k++) {
            refCoverage[m.refStart() + k]++;
        }
    }
}
