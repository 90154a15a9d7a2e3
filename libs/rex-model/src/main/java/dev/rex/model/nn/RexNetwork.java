package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.rex.model.RexConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The REX network ({@code VisualBert_REGEX} of {@code bert_exp.py}): a VisualBERT backbone over [question; regions],
 * an answer classifier on the CLS feature, and a decoder that writes the explanation in {@code num_step} steps with
 * an attentive GRU, attention over the regions, a language GRU and the structure gate.
 *
 * <p>Inputs (in order): {@code img} float32 [B, R, 2048], {@code text_input}, {@code token_type},
 * {@code attention_mask} int64 [B, L], and optionally {@code exp} int64 [B, num_step] (teacher forcing: step t+1 is
 * fed {@code exp[:, t]}; without it the decoder feeds back the arg-max of its own mixed distribution).
 * Outputs: {@code answer_probs} [B, nb_answer], {@code word_probs} [B, num_step, nb_vocab + 1] and, with the
 * structure gate on, {@code gate} [B, num_step]. All steps always run; text decoding stops at index 0 later.
 * In training mode the backbone's dropouts (0.1 by default) are active; the decoder has none, like the original.
 */
public final class RexNetwork extends RexBlock {
    public static final String STRUCTURE_MAPPING = "structure_mapping";

    private final RexConfig config;
    private final VisualBertEmbeddings embeddings;
    private final BertEncoder encoder;
    private final Dense ansCls;
    private final Lookup expEmbed;
    private final Dense attQ;
    private final Dense attV;
    private final Dense attH;
    private final Dense att;
    private final RexGru attRnn;
    private final Dense qFc;
    private final Dense vFc;
    private final RexGru languageRnn;
    private final Dense languageFc;
    private final Dense structureGate;
    private final Parameter structureMapping;

    /** Prefer {@link dev.rex.model.RexNetworkFactory}, which also initialises the parameters. */
    public RexNetwork(RexConfig c) {
        this.config = c;
        long h = c.hiddenSize();
        long img = c.visualEmbeddingDim();
        embeddings = addChildBlock("embeddings", new VisualBertEmbeddings(c));
        encoder = addChildBlock("encoder", new BertEncoder(c));
        ansCls = addChildBlock("ans_cls", Dense.torchDefault(h, c.nbAnswer()));
        expEmbed = addChildBlock("exp_embed", new Lookup(c.nbWords(), h, paddedNormal(), 0));
        attQ = addChildBlock("att_q", Dense.torchDefault(h, h));
        attV = addChildBlock("att_v", Dense.torchDefault(img, h));
        attH = addChildBlock("att_h", Dense.torchDefault(h, h));
        att = addChildBlock("att", Dense.torchDefault(h, 1));
        attRnn = addChildBlock("att_rnn", new RexGru(3 * h, h));
        qFc = addChildBlock("q_fc", Dense.torchDefault(h, h));
        vFc = addChildBlock("v_fc", Dense.torchDefault(img, h));
        languageRnn = addChildBlock("language_rnn", new RexGru(2 * h, h));
        languageFc = addChildBlock("language_fc", Dense.torchDefault(h, c.nbWords()));
        if (c.useStructure()) {
            structureGate = addChildBlock("structure_gate", Dense.torchDefault(h, 1));
            // fixed, never trained (ARCHITECTURE §5): row exp2idx['#i'] = i + 1 is one-hot at region i
            structureMapping = param(STRUCTURE_MAPPING, new Shape(c.nbWords(), c.numRoi()),
                    regionTokenMapping(c.numRoi()), false);
        } else {
            structureGate = null;
            structureMapping = null;
        }
    }

    public RexConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList in, boolean training,
                                     PairList<String, Object> params) {
        if (in.size() < 4 || in.size() > 5) {
            throw new IllegalArgumentException("REX expects img, text_input, token_type, attention_mask [, exp], got "
                    + in.size() + " arrays");
        }
        NDArray img = in.get(0);
        NDArray textInput = in.get(1);
        NDArray tokenType = in.get(2);
        NDArray textMask = in.get(3);
        NDArray exp = in.size() == 5 ? in.get(4) : null;
        checkInputs(img, textInput, tokenType, textMask, exp);
        return decode(store, img, textInput, tokenType, textMask, exp, training);
    }

    private NDList decode(ParameterStore store, NDArray img, NDArray textInput, NDArray tokenType, NDArray textMask,
                          NDArray exp, boolean training) {
        NDManager m = img.getManager();
        long batch = img.getShape().get(0);
        long regions = img.getShape().get(1);
        long len = textInput.getShape().get(1);

        NDArray emb = embeddings.apply(store, textInput, tokenType, img, training);
        NDArray bertFeat = encoder.apply(store, emb, BertEncoder.additiveMask(textMask, regions), training);
        NDArray visualFeat = bertFeat.get(new NDIndex(":, {}:", len));      // [B, R, H]
        NDArray cls = bertFeat.get(new NDIndex(":, 0"));                    // [B, H]

        // pre-computed once: question-conditioned region features and the question code for the language GRU
        NDArray vAtt = Activation.tanh(attV.apply(store, img, training));
        NDArray qAtt = Activation.tanh(attQ.apply(store, cls, training)).expandDims(1);
        NDArray fuse = vAtt.mul(qAtt);                                       // [B, R, H]
        NDArray qEnc = Activation.tanh(qFc.apply(store, cls, training));
        NDArray fuseSum = fuse.sum(new int[] {1});

        NDArray h2 = m.zeros(new Shape(batch, config.hiddenSize()));
        NDArray prevWord = m.zeros(new Shape(batch, config.hiddenSize()));
        NDArray mappingT = structureMapping == null ? null
                : value(store, structureMapping, img, training).transpose();    // [R, V+1]
        NDArray visualFeatT = visualFeat.transpose(0, 2, 1);                   // [B, H, R]

        // the first step pools the fused features with mean, every later step with sum (kept from the original)
        NDArray x1 = fuse.mean(new int[] {1}).concat(h2, 1).concat(prevWord, 1);
        List<NDArray> words = new ArrayList<>();
        List<NDArray> gates = new ArrayList<>();
        for (int t = 0; t < config.numStep(); t++) {
            // both GRUs take the language state h2 as their previous state
            NDArray h1 = attRnn.apply(store, x1, h2, training);
            NDArray attHid = Activation.tanh(attH.apply(store, h1, training).expandDims(1).add(fuse));
            NDArray alpha = att.apply(store, attHid, training).softmax(1);          // [B, R, 1]
            NDArray attended = alpha.transpose(0, 2, 1).matMul(img).squeeze(1);     // raw 2048-d features
            NDArray vEnc = Activation.tanh(vFc.apply(store, attended, training));
            NDArray x2 = vEnc.mul(qEnc).concat(h1, 1);
            h2 = languageRnn.apply(store, x2, h2, training);
            NDArray p = languageFc.apply(store, h2, training).softmax(-1);          // [B, V+1]

            if (structureGate != null) {
                NDArray g = Activation.sigmoid(structureGate.apply(store, h2, training));   // [B, 1]
                NDArray sim = h2.expandDims(1).matMul(visualFeatT).squeeze(1).softmax(-1); // [B, R]
                p = mixWithRegions(p, g, sim, mappingT);
                gates.add(g);
            }
            words.add(p);

            NDArray prev = exp != null ? exp.get(new NDIndex(":, {}", t)) : p.argMax(-1);
            x1 = fuseSum.concat(h2, 1).concat(expEmbed.apply(store, prev, training), 1);
        }

        NDArray answer = ansCls.apply(store, cls, training).softmax(-1);
        answer.setName("answer_probs");
        NDArray wordProbs = NDArrays.stack(new NDList(words), 1);
        wordProbs.setName("word_probs");
        NDList out = new NDList(answer, wordProbs);
        if (structureGate != null) {
            NDArray gate = NDArrays.concat(new NDList(gates), 1);
            gate.setName("gate");
            out.add(gate);
        }
        return out;
    }

    /**
     * The structure gate: {@code g * pWord + (1 - g) * M · sim}, where {@code sim} is the distribution over regions
     * and {@code M} the fixed word-to-region mapping (passed transposed, [R, V+1]).
     */
    public static NDArray mixWithRegions(NDArray pWord, NDArray gate, NDArray sim, NDArray mappingT) {
        NDArray simPred = sim.matMul(mappingT);
        return gate.mul(pWord).add(gate.neg().add(1f).mul(simPred));
    }

    private void checkInputs(NDArray img, NDArray textInput, NDArray tokenType, NDArray mask, NDArray exp) {
        Shape s = img.getShape();
        if (s.dimension() != 3 || s.get(1) != config.numRoi() || s.get(2) != config.visualEmbeddingDim()) {
            throw new IllegalArgumentException("img must be float32 [B, " + config.numRoi() + ", "
                    + config.visualEmbeddingDim() + "], got " + s);
        }
        long b = s.get(0);
        for (NDArray a : new NDArray[] {textInput, tokenType, mask}) {
            if (a.getShape().dimension() != 2 || a.getShape().get(0) != b
                    || !a.getShape().equals(textInput.getShape())) {
                throw new IllegalArgumentException("text_input, token_type and attention_mask must all be [" + b
                        + ", L], got " + textInput.getShape() + ", " + tokenType.getShape() + ", " + mask.getShape());
            }
        }
        if (exp != null && !exp.getShape().equals(new Shape(b, config.numStep()))) {
            throw new IllegalArgumentException("exp must be int64 [" + b + ", " + config.numStep() + "], got "
                    + exp.getShape());
        }
        inRange(textInput, config.vocabSize(), "text_input", "vocab_size");
        inRange(tokenType, config.typeVocabSize(), "token_type", "type_vocab_size");
        if (exp != null) {
            inRange(exp, config.nbWords(), "exp", "nb_vocab + 1");
        }
    }

    /** An index outside a table would otherwise surface as an engine error far from its cause. */
    private static void inRange(NDArray ids, long size, String what, String limit) {
        if (ids.isEmpty()) {
            return;
        }
        long min = ids.min().toType(DataType.INT64, false).getLong();
        long max = ids.max().toType(DataType.INT64, false).getLong();
        if (min < 0 || max >= size) {
            throw new IllegalArgumentException(what + " holds indices in [" + min + ", " + max + "] but " + limit
                    + " is " + size);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        long b = in[0].get(0);
        Shape words = new Shape(b, config.numStep(), config.nbWords());
        return config.useStructure()
                ? new Shape[] {new Shape(b, config.nbAnswer()), words, new Shape(b, config.numStep())}
                : new Shape[] {new Shape(b, config.nbAnswer()), words};
    }

    /** PyTorch's {@code nn.Embedding} initialisation, N(0, 1), with the padding row (index 0) zero. */
    private static Initializer paddedNormal() {
        return (manager, shape, dataType) -> {
            NDArray w = new NormalInitializer(1f).initialize(manager, shape, dataType);
            w.set(new NDIndex("0"), 0f);
            return w;
        };
    }

    private static Initializer regionTokenMapping(int regions) {
        return (manager, shape, dataType) -> {
            float[] data = new float[(int) shape.size()];
            long cols = shape.get(1);
            for (int i = 0; i < regions && i + 1 < shape.get(0); i++) {
                data[(int) ((i + 1) * cols + i)] = 1f;
            }
            return manager.create(data, shape).toType(dataType, false);
        };
    }
}
