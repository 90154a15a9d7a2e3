package dev.rex.metrics.meteor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.tartarus.snowball.ext.englishStemmer;

/**
 * METEOR 1.5's aligner: each module proposes word (or phrase) matches, matches that are the only candidate for
 * both of their words are fixed, and a left-to-right beam search over the reference picks among the rest the
 * alignment with the most (search-weighted) matched words, then the fewest chunks, then the smallest summed
 * position distance. Not thread-safe (it owns a Snowball stemmer): use one per thread.
 */
final class MeteorAligner {

    static final int BEAM_SIZE = 40;

    private final List<MeteorModule> modules;
    private final WordNetSynonyms synonyms;
    private final ParaphraseTable paraphrases;
    private final englishStemmer stemmer = new englishStemmer();

    MeteorAligner(List<MeteorModule> modules, WordNetSynonyms synonyms, ParaphraseTable paraphrases) {
        this.modules = List.copyOf(modules);
        this.synonyms = synonyms;
        this.paraphrases = paraphrases;
    }

    /** The chosen matches of {@code test} against {@code ref}, indexed by reference start (null: no match). */
    WordMatch[] align(String[] test, String[] ref) {
        int[] testKeys = keys(test);
        int[] refKeys = keys(ref);
        MatchCandidates c = new MatchCandidates(test.length, ref.length);
        // Identical sentences need exact matches only (METEOR: prevents beam search errors).
        int used = Arrays.equals(testKeys, refKeys) ? 1 : modules.size();
        for (int m = 0; m < used; m++) {
            switch (modules.get(m)) {
                case EXACT -> matchExact(m, testKeys, refKeys, c);
                case STEM -> matchStems(m, test, ref, testKeys, refKeys, c);
                case SYNONYM -> matchSynonyms(m, test, ref, testKeys, refKeys, c);
                case PARAPHRASE -> matchParaphrases(m, test, ref, c);
            }
        }
        Path start = new Path(ref.length, test.length);
        for (int j = 0; j < ref.length; j++) {
            List<WordMatch> here = c.byRefStart.get(j);
            if (here.size() != 1) {
                continue;
            }
            WordMatch m = here.get(0);
            boolean alone = true;
            for (int k = 0; k < m.refLength(); k++) {
                alone &= c.refCoverage[j + k] == 1;
            }
            for (int k = 0; k < m.testLength(); k++) {
                alone &= c.testCoverage[m.testStart() + k] == 1;
            }
            if (alone) {
                start.chosen[j] = m;
                start.setUsed(m);
            }
        }
        return search(c, start).chosen;
    }

    // Words are compared by hash code, as METEOR does (a collision would count as a match, as there).
    private static int[] keys(String[] words) {
        int[] k = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            k[i] = words[i].hashCode();
        }
        return k;
    }

    private static void matchExact(int module, int[] test, int[] ref, MatchCandidates c) {
        for (int j = 0; j < ref.length; j++) {
            for (int i = 0; i < test.length; i++) {
                if (test[i] == ref[j]) {
                    c.add(new WordMatch(j, 1, i, 1, module));
                }
            }
        }
    }

    private void matchStems(int module, String[] test, String[] ref, int[] testKeys, int[] refKeys,
                            MatchCandidates c) {
        int[] testStems = stemKeys(test);
        int[] refStems = stemKeys(ref);
        for (int j = 0; j < ref.length; j++) {
            for (int i = 0; i < test.length; i++) {
                if (testStems[i] == refStems[j] && testKeys[i] != refKeys[j]) {
                    c.add(new WordMatch(j, 1, i, 1, module));
                }
            }
        }
    }

    private int[] stemKeys(String[] words) {
        int[] k = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            stemmer.setCurrent(words[i]);
            stemmer.stem();
            k[i] = stemmer.getCurrent().hashCode();
        }
        return k;
    }

    private void matchSynonyms(int module, String[] test, String[] ref, int[] testKeys, int[] refKeys,
                               MatchCandidates c) {
        int[][] testSets = new int[test.length][];
        for (int i = 0; i < test.length; i++) {
            testSets[i] = synonyms.synsetsWithBase(test[i]);
        }
        int[][] refSets = new int[ref.length][];
        for (int j = 0; j < ref.length; j++) {
            refSets[j] = synonyms.synsetsWithBase(ref[j]);
        }
        for (int j = 0; j < ref.length; j++) {
            for (int i = 0; i < test.length; i++) {
                if (testKeys[i] != refKeys[j] && WordNetSynonyms.intersect(testSets[i], refSets[j])) {
                    c.add(new WordMatch(j, 1, i, 1, module));
                }
            }
        }
    }

    private void matchParaphrases(int module, String[] test, String[] ref, MatchCandidates c) {
        int[] t = new int[test.length];
        for (int i = 0; i < test.length; i++) {
            t[i] = paraphrases.id(test[i]);
        }
        int[] r = new int[ref.length];
        for (int j = 0; j < ref.length; j++) {
            r[j] = paraphrases.id(ref[j]);
        }
        // Phrases of the reference whose paraphrase occurs in the candidate ...
        for (int j = 0; j < r.length; j++) {
            int[] found = paraphrases.phrasesAt(r, j);
            for (int p = 0; p < found.length; p += 2) {
                int[] words = paraphrases.paraphrase(found[p + 1]);
                for (int i = 0; i < t.length; i++) {
                    if (occursAt(t, i, words)) {
                        c.add(new WordMatch(j, found[p], i, words.length, module));
                    }
                }
            }
        }
        // ... then phrases of the candidate whose paraphrase occurs in the reference.
        for (int i = 0; i < t.length; i++) {
            int[] found = paraphrases.phrasesAt(t, i);
            for (int p = 0; p < found.length; p += 2) {
                int[] words = paraphrases.paraphrase(found[p + 1]);
                for (int j = 0; j < r.length; j++) {
                    if (occursAt(r, j, words)) {
                        c.add(new WordMatch(j, words.length, i, found[p], module));
                    }
                }
            }
        }
    }

    private static boolean occursAt(int[] line, int at, int[] words) {
        for (int k = 0; k < words.length; k++) {
            if (at + k == line.length || line[at + k] != words[k]) {
                return false;
            }
        }
        return true;
    }

    /** A partial alignment of the beam search. */
    private static final class Path {
        final WordMatch[] chosen;
        final boolean[] refUsed;
        final boolean[] testUsed;
        int weighted1;
        int weighted2;
        int chunks;
        int idx;
        int lastMatchEnd = -1;
        int distance;

        Path(int refLength, int testLength) {
            chosen = new WordMatch[refLength];
            refUsed = new boolean[refLength];
            testUsed = new boolean[testLength];
        }

        Path(Path p) {
            chosen = p.chosen.clone();
            refUsed = p.refUsed.clone();
            testUsed = p.testUsed.clone();
            weighted1 = p.weighted1;
            weighted2 = p.weighted2;
            chunks = p.chunks;
            idx = p.idx;
            lastMatchEnd = p.lastMatchEnd;
            distance = p.distance;
        }

        boolean isUsed(WordMatch m) {
            for (int k = 0; k < m.refLength(); k++) {
                if (refUsed[m.refStart() + k]) {
                    return true;
                }
            }
            for (int k = 0; k < m.testLength(); k++) {
                if (testUsed[m.testStart() + k]) {
                    return true;
                }
            }
            return false;
        }

        void setUsed(WordMatch m) {
            for (int k = 0; k < m.refLength(); k++) {
                refUsed[m.refStart() + k] = true;
            }
            for (int k = 0; k < m.testLength(); k++) {
                testUsed[m.testStart() + k] = true;
            }
        }

        /**
         * Counts a match taken at the current position. METEOR keeps these sums in int fields and adds
         * {@code length * weight} with a compound assignment, so each addition is truncated to an int: a
         * one-word stem or synonym match (0.5) adds nothing to the search score. Kept, since it decides ties.
         */
        void take(WordMatch m, double weight) {
            weighted1 = (int) (weighted1 + m.testLength() * weight);
            weighted2 = (int) (weighted2 + m.refLength() * weight);
            if (lastMatchEnd != -1 && m.testStart() != lastMatchEnd) {
                chunks++;
            }
            idx = m.refStart() + m.refLength();
            lastMatchEnd = m.testStart() + m.testLength();
        }
    }

    // More weighted matches first, then fewer chunks, then smaller distance (METEOR's PARTIAL_COMPARE_TOTAL).
    private static final Comparator<Path> BEST_FIRST = (x, y) -> {
        int matchDiff = (y.weighted1 + y.weighted2) - (x.weighted1 + x.weighted2);
        if (matchDiff != 0) {
            return matchDiff > 0 ? 1 : -1;
        }
        if (x.chunks != y.chunks) {
            return x.chunks - y.chunks;
        }
        return x.distance - y.distance;
    };

    private Path search(MatchCandidates c, Path start) {
        int refLength = c.byRefStart.size();
        List<Path> next = new ArrayList<>();
        next.add(start);
        for (int current = 0; current <= refLength; current++) {
            List<Path> paths = next;
            next = new ArrayList<>();
            paths.sort(BEST_FIRST); // stable, like Collections.sort
            for (int rank = 0; rank < BEAM_SIZE && rank < paths.size(); rank++) {
                Path path = paths.get(rank);
                if (current == refLength) {
                    if (path.lastMatchEnd != -1) {
                        path.chunks++;
                    }
                    next.add(path);
                    continue;
                }
                if (path.refUsed[current]) {
                    if (current < path.idx) {
                        next.add(path); // still inside a multi-word match
                    } else if (path.chosen[path.idx] != null) {
                        WordMatch m = path.chosen[path.idx]; // a fixed match
                        path.take(m, modules.get(m.module()).searchWeight);
                        path.distance += Math.abs(m.refStart() - m.testStart());
                        next.add(path);
                    }
                    continue;
                }
                for (WordMatch m : c.byRefStart.get(current)) {
                    if (path.isUsed(m)) {
                        continue;
                    }
                    Path extended = new Path(path);
                    extended.setUsed(m);
                    extended.chosen[current] = m;
                    extended.take(m, modules.get(m.module()).searchWeight);
                    // METEOR adds this distance to the path being extended, not to the extension: the
                    // extensions made after it and the "skip" path inherit it. Kept for identical tie-breaking.
                    path.distance += Math.abs(m.refStart() - m.testStart());
                    next.add(extended);
                }
                if (path.lastMatchEnd != -1) {
                    path.chunks++;
                    path.lastMatchEnd = -1;
                }
                path.idx++;
                next.add(path);
            }
            if (next.isEmpty()) {
                next.add(paths.get(0));
            }
        }
        next.sort(BEST_FIRST);
        return next.get(0);
    }
}
