package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The network's outputs as plain Java arrays (row-major): {@code answerProbs} [B, nb_answer], {@code wordProbs}
 * [B, num_step, nb_vocab + 1] (the gate-mixed distribution), {@code gate} [B, num_step] or null when the structure
 * gate is off.
 */
public record RexOutput(int batch, int nbAnswer, int numStep, int nbWords, float[] answerProbs, float[] wordProbs,
                        float[] gate) {
    public static final String ANSWER_PROBS = "answer_probs";
    public static final String WORD_PROBS = "word_probs";
    public static final String GATE = "gate";

    static RexOutput of(NDList out) {
        NDArray ans = out.get(0);
        NDArray words = out.get(1);
        Shape ws = words.getShape();
        return new RexOutput((int) ws.get(0), (int) ans.getShape().get(1), (int) ws.get(1), (int) ws.get(2),
                ans.toFloatArray(), words.toFloatArray(), out.size() > 2 ? out.get(2).toFloatArray() : null);
    }

    public float answerProb(int b, int answer) {
        return answerProbs[b * nbAnswer + answer];
    }

    public float wordProb(int b, int step, int word) {
        return wordProbs[(b * numStep + step) * nbWords + word];
    }

    /** Greedy word index per step (what the decoder fed back in greedy mode). */
    public int[] argMaxWords(int b) {
        int[] out = new int[numStep];
        for (int t = 0; t < numStep; t++) {
            int best = 0;
            for (int w = 1; w < nbWords; w++) {
                if (wordProb(b, t, w) > wordProb(b, t, best)) {
                    best = w;
                }
            }
            out[t] = best;
        }
        return out;
    }

    /** The named arrays of a {@code rex model run} output file. */
    public NDList toNamedList(NDManager manager) {
        NDArray a = manager.create(answerProbs, new Shape(batch, nbAnswer));
        a.setName(ANSWER_PROBS);
        NDArray w = manager.create(wordProbs, new Shape(batch, numStep, nbWords));
        w.setName(WORD_PROBS);
        NDList list = new NDList(a, w);
        if (gate != null) {
            NDArray g = manager.create(gate, new Shape(batch, numStep));
            g.setName(GATE);
            list.add(g);
        }
        return list;
    }
}
