package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rex.model.text.WordPieceTokenizer;

import java.util.List;

/**
 * One batch of network inputs as plain Java arrays (row-major): {@code img} [B, R, F] region features,
 * {@code textInput}, {@code tokenType}, {@code attentionMask} [B, L], and optionally {@code exp} [B, num_step] for
 * teacher forcing (null: greedy decoding). These are the names of the arrays in a {@code rex model run} input file.
 */
public record RexBatch(int batch, int regions, int featureDim, float[] img, int seqLen, long[] textInput,
                       long[] tokenType, long[] attentionMask, int numStep, long[] exp) {
    public static final String IMG = "img";
    public static final String TEXT_INPUT = "text_input";
    public static final String TOKEN_TYPE = "token_type";
    public static final String ATTENTION_MASK = "attention_mask";
    public static final String EXP = "exp";

    public RexBatch {
        check(img.length == (long) batch * regions * featureDim, IMG, "[" + batch + "," + regions + "," + featureDim
                + "]", img.length);
        for (long[] a : new long[][] {textInput, tokenType, attentionMask}) {
            check(a.length == (long) batch * seqLen, "text arrays", "[" + batch + "," + seqLen + "]", a.length);
        }
        if (exp != null) {
            check(exp.length == (long) batch * numStep, EXP, "[" + batch + "," + numStep + "]", exp.length);
        }
    }

    private static void check(boolean ok, String what, String shape, long got) {
        if (!ok) {
            throw new IllegalArgumentException(what + " must hold " + shape + " values, got " + got);
        }
    }

    /**
     * A batch from question texts and their images' region features ({@code [regions * featureDim]} each), tokenized
     * as REX's data loader does: {@code ,} becomes a space and {@code .} is removed, then {@code [CLS] pieces [SEP]}
     * is padded, or cut to its first {@code maxLen} ids (so a long question loses its {@code [SEP]}), to
     * {@code maxLen} (REX: 35 in evaluation, 20 in training). Greedy decoding (no {@code exp}).
     */
    public static RexBatch fromQuestions(WordPieceTokenizer tokenizer, List<String> questions,
                                         List<float[]> features, int regions, int featureDim, int maxLen) {
        if (questions.size() != features.size() || questions.isEmpty()) {
            throw new IllegalArgumentException("need one feature array per question, got " + questions.size()
                    + " questions and " + features.size() + " feature arrays");
        }
        int n = questions.size();
        float[] img = new float[n * regions * featureDim];
        long[] ids = new long[n * maxLen];
        long[] types = new long[n * maxLen];
        long[] mask = new long[n * maxLen];
        for (int b = 0; b < n; b++) {
            float[] f = features.get(b);
            if (f.length != regions * featureDim) {
                throw new IllegalArgumentException("features of question " + b + " hold " + f.length
                        + " values, expected " + regions + " x " + featureDim);
            }
            System.arraycopy(f, 0, img, b * regions * featureDim, f.length);
            WordPieceTokenizer.Encoding e =
                    tokenizer.encode(cleanQuestion(questions.get(b)), maxLen);
            System.arraycopy(e.inputIds(), 0, ids, b * maxLen, maxLen);
            System.arraycopy(e.tokenType(), 0, types, b * maxLen, maxLen);
            System.arraycopy(e.attentionMask(), 0, mask, b * maxLen, maxLen);
        }
        return new RexBatch(n, regions, featureDim, img, maxLen, ids, types, mask, 0, null);
    }

    /**
     * REX's question cleaning ({@code replace(',', ' ').replace('.', '')}, words re-joined by single spaces): a comma
     * separates words ("red,blue" is two words), a full stop vanishes ("st.louis" is one).
     */
    public static String cleanQuestion(String question) {
        return String.join(" ", question.replace(',', ' ').replace(".", "").trim().split(" +"));
    }

    /** Reads the named arrays of an input file (npz): img, text_input, token_type, attention_mask [, exp]. */
    public static RexBatch fromNamed(NDList arrays) {
        NDArray img = require(arrays, IMG);
        NDArray text = require(arrays, TEXT_INPUT);
        NDArray type = require(arrays, TOKEN_TYPE);
        NDArray mask = require(arrays, ATTENTION_MASK);
        NDArray exp = arrays.get(EXP);
        Shape s = img.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("img must be [B, 36, 2048], got " + s);
        }
        if (text.getShape().dimension() != 2) {
            throw new IllegalArgumentException("text_input must be [B, L], got " + text.getShape());
        }
        Shape es = exp == null ? null : exp.getShape();
        if (es != null && es.dimension() != 2) {
            throw new IllegalArgumentException("exp must be [B, num_step], got " + es);
        }
        return new RexBatch((int) s.get(0), (int) s.get(1), (int) s.get(2),
                img.toType(DataType.FLOAT32, false).toFloatArray(), (int) text.getShape().get(1), longs(text),
                longs(type), longs(mask), es == null ? 0 : (int) es.get(1), exp == null ? null : longs(exp));
    }

    private static NDArray require(NDList arrays, String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("input lacks the array '" + name + "' (expected img, text_input, "
                    + "token_type, attention_mask and optionally exp)");
        }
        return a;
    }

    private static long[] longs(NDArray a) {
        return a.toType(DataType.INT64, false).toLongArray();
    }

    /** The network's input list, in forward order, created in {@code manager}. */
    public NDList toNDList(NDManager manager) {
        NDList list = new NDList(
                manager.create(img, new Shape(batch, regions, featureDim)),
                manager.create(textInput, new Shape(batch, seqLen)),
                manager.create(tokenType, new Shape(batch, seqLen)),
                manager.create(attentionMask, new Shape(batch, seqLen)));
        if (exp != null) {
            list.add(manager.create(exp, new Shape(batch, numStep)));
        }
        return list;
    }
}
