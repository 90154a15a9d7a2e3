package dev.rex.model;

import ai.djl.nn.Parameter;
import dev.rex.model.nn.RexNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The DJL network against a plain, loop-by-loop double-precision transcription of the method (ARCHITECTURE §5) on a
 * very small configuration, with the network's own weights: a project-local check of the whole forward pass
 * (embeddings, masked attention, post-LN layers, both GRUs, attention over raw features, gate, greedy and teacher
 * forcing) that does not need the shared fixture.
 */
class ReferenceForwardTest {
    static final RexConfig C = new RexConfig(12, 4, 2, 2, 6, 5, 8, 2, 1e-12, 0.1, 0.1, 3, 3, true, 3, 5);
    static final int B = 2;
    static final int L = 3;
    static RexModel model;
    static Map<String, Parameter> params;

    @BeforeAll
    static void create() {
        model = RexModel.create(C, 17);
        params = model.parameters();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void greedyDecodingMatchesTheReference() {
        compare(null);
    }

    @Test
    void teacherForcingMatchesTheReference() {
        compare(new long[] {4, 1, 0, 2, 5, 3});
    }

    private void compare(long[] exp) {
        Random rnd = new Random(5);
        float[] img = new float[B * C.numRoi() * C.visualEmbeddingDim()];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextFloat() * 2 - 1;
        }
        long[] ids = {2, 7, 3, 2, 9, 0};
        long[] types = {0, 0, 1, 0, 1, 0};
        long[] mask = {1, 1, 1, 1, 1, 0};
        RexBatch batch = new RexBatch(B, C.numRoi(), C.visualEmbeddingDim(), img, L, ids, types, mask, C.numStep(), exp);
        RexOutput out = TestNetworks.predict(model, batch);
        for (int b = 0; b < B; b++) {
            Sample ref = reference(batch, b);
            for (int a = 0; a < C.nbAnswer(); a++) {
                assertEquals(ref.answer[a], out.answerProb(b, a), 1e-5, "answer " + a);
            }
            for (int t = 0; t < C.numStep(); t++) {
                assertEquals(ref.gate[t], out.gate()[b * C.numStep() + t], 1e-5, "gate " + t);
                for (int w = 0; w < C.nbWords(); w++) {
                    assertEquals(ref.words[t][w], out.wordProb(b, t, w), 1e-5, "sample " + b + " step " + t);
                }
            }
        }
    }

    record Sample(double[] answer, double[][] words, double[] gate) {
    }

    private static Sample reference(RexBatch in, int b) {
        int h = C.hiddenSize();
        int r = C.numRoi();
        int f = C.visualEmbeddingDim();
        int n = L + r;
        double[][] feat = new double[r][f];
        for (int i = 0; i < r; i++) {
            for (int k = 0; k < f; k++) {
                feat[i][k] = in.img()[(b * r + i) * f + k];
            }
        }
        // embeddings: text = word + type + position; regions = projection + visual type 1 + visual position 0
        double[][] x = new double[n][];
        for (int t = 0; t < L; t++) {
            x[t] = add(add(row("embeddings.word_embeddings.weight", (int) in.textInput()[b * L + t]),
                    row("embeddings.token_type_embeddings.weight", (int) in.tokenType()[b * L + t])),
                    row("embeddings.position_embeddings.weight", t));
        }
        for (int i = 0; i < r; i++) {
            x[L + i] = add(add(linear("embeddings.visual_projection", feat[i]),
                    row("embeddings.visual_token_type_embeddings.weight", 1)),
                    row("embeddings.visual_position_embeddings.weight", 0));
        }
        for (int t = 0; t < n; t++) {
            x[t] = layerNorm("embeddings.LayerNorm", x[t]);
        }
        double[] keyBias = new double[n];
        for (int t = 0; t < L; t++) {
            keyBias[t] = (1 - in.attentionMask()[b * L + t]) * -10000.0;
        }
        int heads = C.numAttentionHeads();
        int d = h / heads;
        for (int layer = 0; layer < C.numHiddenLayers(); layer++) {
            String p = "encoder.layer." + layer + ".";
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            for (int t = 0; t < n; t++) {
                q[t] = linear(p + "attention.self.query", x[t]);
                k[t] = linear(p + "attention.self.key", x[t]);
                v[t] = linear(p + "attention.self.value", x[t]);
            }
            double[][] next = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] ctx = new double[h];
                for (int hd = 0; hd < heads; hd++) {
                    double[] s = new double[n];
                    for (int j = 0; j < n; j++) {
                        double dot = 0;
                        for (int e = 0; e < d; e++) {
                            dot += q[t][hd * d + e] * k[j][hd * d + e];
                        }
                        s[j] = dot / Math.sqrt(d) + keyBias[j];
                    }
                    s = softmax(s);
                    for (int j = 0; j < n; j++) {
                        for (int e = 0; e < d; e++) {
                            ctx[hd * d + e] += s[j] * v[j][hd * d + e];
                        }
                    }
                }
                double[] a = layerNorm(p + "attention.output.LayerNorm", add(linear(p + "attention.output.dense", ctx),
                        x[t]));
                double[] inter = linear(p + "intermediate.dense", a);
                for (int e = 0; e < inter.length; e++) {
                    inter[e] = 0.5 * inter[e] * (1 + erf(inter[e] / Math.sqrt(2)));
                }
                next[t] = layerNorm(p + "output.LayerNorm", add(linear(p + "output.dense", inter), a));
            }
            x = next;
        }
        double[] cls = x[0];
        double[] answer = softmax(linear("ans_cls", cls));

        double[] qAtt = tanh(linear("att_q", cls));
        double[] qEnc = tanh(linear("q_fc", cls));
        double[][] fuse = new double[r][];
        double[] fuseMean = new double[h];
        double[] fuseSum = new double[h];
        for (int i = 0; i < r; i++) {
            fuse[i] = mul(tanh(linear("att_v", feat[i])), qAtt);
            for (int e = 0; e < h; e++) {
                fuseSum[e] += fuse[i][e];
                fuseMean[e] += fuse[i][e] / r;
            }
        }
        double[] h2 = new double[h];
        double[] prev = new double[h];
        double[] pooled = fuseMean;
        double[][] words = new double[C.numStep()][];
        double[] gate = new double[C.numStep()];
        for (int t = 0; t < C.numStep(); t++) {
            double[] h1 = gru("att_rnn", concat(concat(pooled, h2), prev), h2);
            double[] scores = new double[r];
            double[] ah = linear("att_h", h1);
            for (int i = 0; i < r; i++) {
                scores[i] = linear("att", tanh(add(ah, fuse[i])))[0];
            }
            double[] alpha = softmax(scores);
            double[] attended = new double[f];
            for (int i = 0; i < r; i++) {
                for (int e = 0; e < f; e++) {
                    attended[e] += alpha[i] * feat[i][e];
                }
            }
            double[] vEnc = tanh(linear("v_fc", attended));
            h2 = gru("language_rnn", concat(mul(vEnc, qEnc), h1), h2);
            double[] pWord = softmax(linear("language_fc", h2));
            double g = 1 / (1 + Math.exp(-linear("structure_gate", h2)[0]));
            double[] sim = new double[r];
            for (int i = 0; i < r; i++) {
                for (int e = 0; e < h; e++) {
                    sim[i] += h2[e] * x[L + i][e];
                }
            }
            sim = softmax(sim);
            double[] mixed = new double[C.nbWords()];
            double[] map = values(RexNetwork.STRUCTURE_MAPPING);
            for (int w = 0; w < mixed.length; w++) {
                double regionPart = 0;
                for (int i = 0; i < r; i++) {
                    regionPart += map[w * r + i] * sim[i];
                }
                mixed[w] = g * pWord[w] + (1 - g) * regionPart;
            }
            words[t] = mixed;
            gate[t] = g;
            int next = in.exp() != null ? (int) in.exp()[b * C.numStep() + t] : argMax(mixed);
            prev = row("exp_embed.weight", next);
            pooled = fuseSum;
        }
        return new Sample(answer, words, gate);
    }

    private static double[] gru(String p, double[] in, double[] state) {
        double[] z = sigmoid(add(linear(p + ".update_x", in), linear(p + ".update_h", state)));
        double[] rr = sigmoid(add(linear(p + ".reset_x", in), linear(p + ".reset_h", state)));
        double[] mem = tanh(add(linear(p + ".memory_x", in), linear(p + ".memory_h", mul(rr, state))));
        double[] out = new double[state.length];
        for (int e = 0; e < out.length; e++) {
            out[e] = (1 - z[e]) * state[e] + z[e] * mem[e];
        }
        return out;
    }

    private static double[] values(String name) {
        float[] v = params.get(name).getArray().toFloatArray();
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double[] row(String name, int i) {
        long cols = params.get(name).getShape().get(1);
        double[] all = values(name);
        double[] out = new double[(int) cols];
        System.arraycopy(all, (int) (i * cols), out, 0, (int) cols);
        return out;
    }

    private static double[] linear(String name, double[] x) {
        double[] w = values(name + ".weight");
        double[] bias = values(name + ".bias");
        double[] y = new double[bias.length];
        for (int o = 0; o < y.length; o++) {
            double s = bias[o];
            for (int i = 0; i < x.length; i++) {
                s += w[o * x.length + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }

    private static double[] layerNorm(String name, double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / x.length;
        }
        double[] g = values(name + ".weight");
        double[] bias = values(name + ".bias");
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x[i] - mean) / Math.sqrt(var + C.layerNormEps()) * g[i] + bias[i];
        }
        return y;
    }

    private static double[] softmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(x[i] - max);
            sum += y[i];
        }
        for (int i = 0; i < x.length; i++) {
            y[i] /= sum;
        }
        return y;
    }

    private static int argMax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    private static double[] mul(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] * b[i];
        }
        return y;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] y = new double[a.length + b.length];
        System.arraycopy(a, 0, y, 0, a.length);
        System.arraycopy(b, 0, y, a.length, b.length);
        return y;
    }

    private static double[] tanh(double[] a) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = Math.tanh(a[i]);
        }
        return y;
    }

    private static double[] sigmoid(double[] a) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = 1 / (1 + Math.exp(-a[i]));
        }
        return y;
    }

    /** erf by its Maclaurin series (|x| small here) or the asymptotic bound: exact to ~1e-15 for |x| < 3. */
    static double erf(double x) {
        if (Math.abs(x) > 5) {
            return Math.signum(x);
        }
        double sum = 0;
        double term = x;
        for (int k = 0; k < 200; k++) {
            sum += term / (2 * k + 1);
            term *= -x * x / (k + 1);
            if (Math.abs(term) < 1e-17) {
                break;
            }
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
