package dev.rex.metrics.meteor;

import java.util.List;

/**
 * The score parameters of METEOR 1.5 for English ("rank" task, as {@code -l en} selects): α weighs recall
 * against precision, β and γ shape the fragmentation penalty, δ weighs content against function words, and each
 * module's matches count with its weight (exact 1.0, stem 0.6, synonym 0.8, paraphrase 0.6).
 */
record MeteorParameters(double alpha, double beta, double gamma, double delta, List<MeteorModule> modules,
                        double[] weights) {

    static final double[] ENGLISH_WEIGHTS = {1.0, 0.6, 0.8, 0.6};

    static MeteorParameters english(boolean withParaphrase) {
        return english(withParaphrase
                ? List.of(MeteorModule.EXACT, MeteorModule.STEM, MeteorModule.SYNONYM, MeteorModule.PARAPHRASE)
                : List.of(MeteorModule.EXACT, MeteorModule.STEM, MeteorModule.SYNONYM));
    }

    /** English parameters over a chosen module list (each module keeps its English weight). */
    static MeteorParameters english(List<MeteorModule> modules) {
        double[] w = new double[modules.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = ENGLISH_WEIGHTS[modules.get(i).ordinal()];
        }
        return new MeteorParameters(0.85, 0.20, 0.60, 0.75, List.copyOf(modules), w);
    }

    /** METEOR's configuration id, e.g. {@code meteor-1.5-wo-en-norm-0.85_0.2_0.6_0.75-ex_st_sy-1.0_0.6_0.8}. */
    String configId() {
        StringBuilder mods = new StringBuilder();
        StringBuilder ws = new StringBuilder();
        for (int i = 0; i < modules.size(); i++) {
            String sep = i == 0 ? "" : "_";
            mods.append(sep).append(switch (modules.get(i)) {
                case EXACT -> "ex";
                case STEM -> "st";
                case SYNONYM -> "sy";
                case PARAPHRASE -> "pa";
            });
            ws.append(sep).append(weights[i]);
        }
        return "meteor-1.5-wo-en-norm-" + alpha + "_" + beta + "_" + gamma + "_" + delta + "-" + mods + "-" + ws;
    }

    /** METEOR's score of a statistics object (a pair's or a pooled corpus's). */
    double score(MeteorStats s) {
        double testWeightedLength = delta * (s.testLength - s.testFunction) + (1.0 - delta) * s.testFunction;
        double refWeightedLength = delta * (s.refLength - s.refFunction) + (1.0 - delta) * s.refFunction;
        double testWeighted = 0;
        double refWeighted = 0;
        for (int i = 0; i < weights.length; i++) {
            testWeighted += s.moduleMatches[i][0] * weights[i] * delta;
        }
        for (int i = 0; i < weights.length; i++) {
            refWeighted += s.moduleMatches[i][1] * weights[i] * delta;
        }
        for (int i = 0; i < weights.length; i++) {
            testWeighted += s.moduleMatches[i][2] * weights[i] * (1.0 - delta);
        }
        for (int i = 0; i < weights.length; i++) {
            refWeighted += s.moduleMatches[i][3] * weights[i] * (1.0 - delta);
        }
        double precision = testWeighted / testWeightedLength;
        double recall = refWeighted / refWeightedLength;
        double fMean = 1.0 / (((1.0 - alpha) / precision) + (alpha / recall));
        double frag = s.isWholeSingleChunk() ? 0 : s.chunks / ((s.testWordMatches + s.refWordMatches) / 2);
        double penalty = gamma * Math.pow(frag, beta);
        double score = fMean * (1.0 - penalty);
        return Double.isNaN(score) ? 0 : Math.max(score, 0.0);
    }
}
