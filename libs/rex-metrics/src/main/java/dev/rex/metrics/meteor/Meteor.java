package dev.rex.metrics.meteor;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * METEOR 1.5 for English as pycocoevalcap runs it ({@code -l en -norm}): normalise candidate and references,
 * align with exact, Snowball-stem, WordNet-synonym (and, given a table, paraphrase) matching, and keep the
 * statistics of the best-scoring reference. Corpus scores come from pooled statistics ({@link MeteorStats#add}).
 * Thread-safe: the dictionaries are shared and each thread gets its own aligner.
 */
public final class Meteor {

    private final MeteorParameters parameters;
    private final ThreadLocal<MeteorAligner> aligners;
    private final Path paraphraseFile;

    private Meteor(MeteorParameters parameters, ParaphraseTable table, Path paraphraseFile) {
        this.parameters = parameters;
        this.paraphraseFile = paraphraseFile;
        WordNetSynonyms synonyms = WordNetSynonyms.get();
        this.aligners = ThreadLocal.withInitial(() -> new MeteorAligner(parameters.modules(), synonyms, table));
    }

    /** Exact, stem and synonym modules only (weights 1.0/0.6/0.8): METEOR without its paraphrase table. */
    public static Meteor withoutParaphrases() {
        return new Meteor(MeteorParameters.english(false), null, null);
    }

    /** All four modules, paraphrases read from METEOR 1.5's {@code paraphrase-en.gz} format. */
    public static Meteor withParaphrases(Path table) {
        return new Meteor(MeteorParameters.english(true), ParaphraseTable.read(table), table);
    }

    /** Only the given modules (tests show what each module adds); {@code table} is needed for PARAPHRASE. */
    static Meteor withModules(List<MeteorModule> modules, Path table) {
        return new Meteor(MeteorParameters.english(modules), table == null ? null : ParaphraseTable.read(table),
                table);
    }

    /** {@code null} when running without a paraphrase table. */
    public Path paraphraseFile() {
        return paraphraseFile;
    }

    public String configId() {
        return parameters.configId();
    }

    /** Statistics of {@code candidate} against its best reference (the first one of the highest score). */
    public Result score(String candidate, List<String> references) {
        String[] test = words(candidate);
        MeteorStats best = null;
        double bestScore = -1;
        for (String reference : references) {
            MeteorStats s = stats(test, words(reference));
            double score = parameters.score(s);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("METEOR needs at least one reference per candidate");
        }
        return new Result(best, bestScore);
    }

    /** The score of pooled statistics (METEOR's corpus score). */
    public double score(Pool pool) {
        return parameters.score(pool.total);
    }

    /** The score of one statistics line in METEOR 1.5's format. */
    public double scoreStatsLine(String line) {
        return parameters.score(MeteorStats.fromLine(line));
    }

    private static String[] words(String text) {
        String n = MeteorNormalizer.normalize(text);
        return n.isEmpty() ? new String[0] : n.split(" ");
    }

    private MeteorStats stats(String[] test, String[] ref) {
        WordMatch[] chosen = aligners.get().align(test, ref);
        boolean[] testFunction = new boolean[test.length];
        boolean[] refFunction = new boolean[ref.length];
        MeteorStats s = new MeteorStats();
        s.testLength = test.length;
        s.refLength = ref.length;
        for (int i = 0; i < test.length; i++) {
            testFunction[i] = FunctionWords.ENGLISH.contains(test[i].toLowerCase(Locale.ROOT));
            s.testFunction += testFunction[i] ? 1 : 0;
        }
        for (int j = 0; j < ref.length; j++) {
            refFunction[j] = FunctionWords.ENGLISH.contains(ref[j].toLowerCase(Locale.ROOT));
            s.refFunction += refFunction[j] ? 1 : 0;
        }
        for (WordMatch m : chosen) {
            if (m == null) {
                continue;
            }
            double[] counts = s.moduleMatches[m.module()];
            for (int k = 0; k < m.testLength(); k++) {
                counts[testFunction[m.testStart() + k] ? 2 : 0]++;
            }
            for (int k = 0; k < m.refLength(); k++) {
                counts[refFunction[m.refStart() + k] ? 3 : 1]++;
            }
        }
        s.testWordMatches = s.testTotalMatches();
        s.refWordMatches = s.refTotalMatches();
        s.chunks = chunks(chosen);
        return s;
    }

    // Chunks of the final alignment: runs of matches contiguous and in the same order on both sides.
    private static int chunks(WordMatch[] chosen) {
        int chunks = 0;
        int lastMatchEnd = -1;
        int idx = 0;
        while (idx < chosen.length) {
            WordMatch m = chosen[idx];
            if (m == null) {
                if (lastMatchEnd != -1) {
                    chunks++;
                    lastMatchEnd = -1;
                }
                idx++;
            } else {
                if (lastMatchEnd != -1 && m.testStart() != lastMatchEnd) {
                    chunks++;
                }
                idx = m.refStart() + m.refLength();
                lastMatchEnd = m.testStart() + m.testLength();
            }
        }
        return lastMatchEnd != -1 ? chunks + 1 : chunks;
    }

    /** One candidate's statistics and score. */
    public static final class Result {
        private final MeteorStats stats;
        private final double score;

        Result(MeteorStats stats, double score) {
            this.stats = stats;
            this.score = score;
        }

        public double score() {
            return score;
        }

        /** METEOR 1.5's statistics line of this pair (23 numbers). */
        public String statsLine() {
            return stats.toLine();
        }

        /** Words matched by each module: {@code [module] -> test words matched} (exact, stem, synonym, paraphrase). */
        public int matchedWords(int module) {
            double[] m = stats.moduleMatches[module];
            return (int) (m[0] + m[2]);
        }
    }

    /** Pooled statistics of a corpus. Not thread-safe: add results in item order. */
    public static final class Pool {
        private final MeteorStats total = new MeteorStats();

        public void add(Result r) {
            total.add(r.stats);
        }
    }
}
