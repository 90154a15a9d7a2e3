package dev.rex.metrics.meteor;

import java.util.Arrays;

/**
 * METEOR 1.5's sufficient statistics of one candidate/reference pair (or of a pooled corpus), in the layout of
 * its statistics line: lengths, function-word counts, per module (exact, stem, synonym, paraphrase) the
 * candidate/reference content and function words matched, chunks, and the matched word totals.
 */
final class MeteorStats {

    static final int MODULES = 4;

    double testLength;
    double refLength;
    double testFunction;
    double refFunction;
    /** [module][0..3] = test content, reference content, test function, reference function words matched. */
    final double[][] moduleMatches = new double[MODULES][4];
    double chunks;
    double testWordMatches;
    double refWordMatches;

    double testTotalMatches() {
        double s = 0;
        for (double[] m : moduleMatches) {
            s += m[0] + m[2];
        }
        return s;
    }

    double refTotalMatches() {
        double s = 0;
        for (double[] m : moduleMatches) {
            s += m[1] + m[3];
        }
        return s;
    }

    /**
     * Adds {@code other} to this pooled total. As METEOR does, the chunk count of a pair whose words all match
     * in one single chunk is not added (its fragmentation is taken as zero).
     */
    void add(MeteorStats other) {
        testLength += other.testLength;
        refLength += other.refLength;
        testFunction += other.testFunction;
        refFunction += other.refFunction;
        for (int m = 0; m < MODULES; m++) {
            for (int k = 0; k < 4; k++) {
                moduleMatches[m][k] += other.moduleMatches[m][k];
            }
        }
        if (!other.isWholeSingleChunk()) {
            chunks += other.chunks;
        }
        testWordMatches += other.testWordMatches;
        refWordMatches += other.refWordMatches;
    }

    boolean isWholeSingleChunk() {
        return testTotalMatches() == testLength && refTotalMatches() == refLength && chunks == 1.0;
    }

    /** METEOR's statistics line: 23 numbers printed as Java doubles, separated by single spaces. */
    String toLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(testLength).append(' ').append(refLength).append(' ')
                .append(testFunction).append(' ').append(refFunction);
        for (double[] m : moduleMatches) {
            for (double v : m) {
                sb.append(' ').append(v);
            }
        }
        sb.append(' ').append(chunks).append(' ').append(testWordMatches).append(' ').append(refWordMatches);
        return sb.toString();
    }

    /** Parses {@link #toLine()}'s format (e.g. a statistics line written by METEOR 1.5 itself). */
    static MeteorStats fromLine(String line) {
        double[] v = Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
        if (v.length < 23) {
            throw new IllegalArgumentException("a METEOR statistics line has 23 numbers, got " + v.length);
        }
        MeteorStats s = new MeteorStats();
        s.testLength = v[0];
        s.refLength = v[1];
        s.testFunction = v[2];
        s.refFunction = v[3];
        for (int m = 0; m < MODULES; m++) {
            System.arraycopy(v, 4 + 4 * m, s.moduleMatches[m], 0, 4);
        }
        s.chunks = v[20];
        s.testWordMatches = v[21];
        s.refWordMatches = v[22];
        return s;
    }

    @Override
    public String toString() {
        return toLine();
    }
}
