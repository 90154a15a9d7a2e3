package dev.rex.metrics.spice;

import java.util.List;

import dev.rex.metrics.meteor.WordNetSynonyms;

/**
 * SPICE 1.0's per-item score: a candidate tuple is a true positive when some reference tuple of the same arity
 * matches it element by element, each element equal or sharing a WordNet synset (with base forms, as METEOR's
 * synonym module); precision over candidate tuples, recall over reference tuples, F1 (0 when either is 0 or the
 * reference has no tuple).
 */
record SpiceEvaluation(int tp, int fp, int fn, double precision, double recall, double f) {

    static SpiceEvaluation of(List<List<String>> candidate, List<List<String>> reference, WordNetSynonyms wordNet) {
        int tp = 0;
        for (List<String> c : candidate) {
            for (List<String> r : reference) {
                if (similar(c, r, wordNet)) {
                    tp++;
                    break;
                }
            }
        }
        int fp = candidate.size() - tp;
        int fn = reference.size() - tp;
        double recall = 0;
        double precision = 0;
        double f = 0;
        if (!reference.isEmpty()) {
            recall = (double) tp / reference.size();
            if (!candidate.isEmpty()) {
                precision = (double) tp / candidate.size();
            }
            if (precision > 0 && recall > 0) {
                f = 2 * precision * recall / (precision + recall);
            }
        }
        return new SpiceEvaluation(tp, fp, fn, precision, recall, f);
    }

    static boolean similar(List<String> a, List<String> b, WordNetSynonyms wordNet) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            if (!x.equals(y) && !WordNetSynonyms.intersect(wordNet.synsetsWithBase(x.replace(' ', '_')),
                    wordNet.synsetsWithBase(y.replace(' ', '_')))) {
                return false;
            }
        }
        return true;
    }
}
