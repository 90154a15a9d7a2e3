package dev.rex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rex.model.NamedArrays;
import dev.rex.model.RexBatch;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexConfig;
import dev.rex.model.RexModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code rex model train-steps}: a fixed sequence of training steps from a checkpoint on given batches, through the
 * trainer's own {@link TrainingStep} (losses, clipping, Adam), so that it can be compared with the original
 * training fed the same batches. The backbone's dropouts are off (0), which makes a training-mode pass
 * deterministic; everything else is what {@code rex train} does in multitask mode.
 *
 * <p>The batches file (npz) holds, each with a leading step axis S: {@code img} float32 [S,B,R,F],
 * {@code text_input}, {@code token_type}, {@code attention_mask} int64 [S,B,L], {@code ans} int64 [S,B],
 * {@code exp} int64 [S,B,T] (target words, also fed by teacher forcing), {@code valid_mask} float32 [S,B,T] and
 * {@code structure_gate} float32 [S,B,T].
 */
public final class TrainSteps {
    public static final String TRACE = "trace.json";
    public static final String FINAL = "final.safetensors";
    public static final double DEFAULT_LR = 3e-4;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> ARRAYS = List.of("img", "text_input", "token_type", "attention_mask", "ans",
            "exp", "valid_mask", "structure_gate");

    private TrainSteps() {
    }

    /** One step's figures, as the trace names them (losses before the update, gradient norm before clipping). */
    public record Step(int step, double loss, double ansLoss, double expLoss, double gateLoss, double gradNorm) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", step);
            m.put("loss", loss);
            m.put("ans_loss", ansLoss);
            m.put("exp_loss", expLoss);
            m.put("gate_loss", gateLoss);
            m.put("grad_norm", gradNorm);
            return m;
        }
    }

    /**
     * Runs every step of {@code batches} from {@code checkpoint} and writes {@code out/trace.json} and
     * {@code out/final.safetensors} (every parameter after the last step, checkpoint names).
     */
    public static List<Step> run(Path checkpoint, Path batches, double lr, double clipNorm, Path out,
                                 Consumer<Step> progress) throws IOException {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new InvalidTrainingConfigException("lr", "must be a positive number, got " + lr);
        }
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
            throw new InvalidTrainingConfigException("clip-norm", "must be 0 (off) or positive, got " + clipNorm);
        }
        Path configFile = checkpoint.resolve(RexCheckpoint.CONFIG);
        Path weights = checkpoint.resolve(RexCheckpoint.WEIGHTS);
        if (!Files.isRegularFile(configFile) || !Files.isRegularFile(weights)) {
            throw new InvalidTrainingConfigException("checkpoint", checkpoint + " is not a checkpoint directory "
                    + "(it needs " + RexCheckpoint.CONFIG + " and " + RexCheckpoint.WEIGHTS + ")");
        }
        TorchGradMode.offOnThisThread();
        RexConfig config = RexConfig.read(configFile).withDropout(0);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = readBatches(m, batches, config);
            long steps = arrays.get("img").getShape().get(0);
            int batch = (int) arrays.get("img").getShape().get(1);
            int seqLen = (int) arrays.get("text_input").getShape().get(2);
            List<Step> trace = new ArrayList<>();
            try (RexModel rex = RexModel.create(config, 0)) {
                RexCheckpoint.loadWeights(rex, weights, false);
                try (AdamOptimizer adam = new AdamOptimizer(rex.djlModel().getNDManager())) {
                    TrainingStep step = new TrainingStep(rex, adam, clipNorm, true);
                    for (int s = 0; s < steps; s++) {
                        TrainingStep.Result r = step.run(slice(arrays, s), lr);
                        Map<String, Double> l = r.losses();
                        Step st = new Step(s + 1, l.get("loss"), l.get("ans_loss"), l.get("exp_loss"),
                                l.get("gate_loss"), r.gradNorm());
                        trace.add(st);
                        progress.accept(st);
                    }
                }
                Files.createDirectories(out);
                RexCheckpoint.saveWeights(rex, out.resolve(FINAL));
            }
            writeTrace(out.resolve(TRACE), trace, lr, clipNorm, batch, seqLen);
            return trace;
        }
    }

    private static Map<String, NDArray> readBatches(NDManager m, Path file, RexConfig c) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidTrainingConfigException("batches", "no such file: " + file);
        }
        Map<String, NDArray> a;
        try {
            a = NamedArrays.asMap(NamedArrays.read(m, file));
        } catch (IllegalArgumentException e) {
            throw new InvalidTrainingConfigException("batches", e.getMessage());
        }
        for (String name : ARRAYS) {
            if (!a.containsKey(name)) {
                throw new InvalidTrainingConfigException("batches", file + " lacks the array '" + name
                        + "' (it needs " + ARRAYS + ")");
            }
        }
        Shape img = a.get("img").getShape();
        if (img.dimension() != 4 || img.get(2) != c.numRoi() || img.get(3) != c.visualEmbeddingDim()) {
            throw new InvalidTrainingConfigException("batches", "img must be [steps, batch, " + c.numRoi() + ", "
                    + c.visualEmbeddingDim() + "], got " + img);
        }
        long s = img.get(0);
        long b = img.get(1);
        long len = a.get("text_input").getShape().dimension() == 3 ? a.get("text_input").getShape().get(2) : -1;
        expect(a, "text_input", new Shape(s, b, len));
        expect(a, "token_type", new Shape(s, b, len));
        expect(a, "attention_mask", new Shape(s, b, len));
        expect(a, "ans", new Shape(s, b));
        for (String name : List.of("exp", "valid_mask", "structure_gate")) {
            expect(a, name, new Shape(s, b, c.numStep()));
        }
        return a;
    }

    private static void expect(Map<String, NDArray> a, String name, Shape shape) {
        if (!a.get(name).getShape().equals(shape)) {
            throw new InvalidTrainingConfigException("batches", name + " must be " + shape + " (steps, batch"
                    + (shape.dimension() > 2 ? ", length" : "") + "), got " + a.get(name).getShape());
        }
    }

    /** Step {@code s}'s batch in the trainer's own form. */
    private static BatchAssembler.TrainBatch slice(Map<String, NDArray> a, int s) {
        NDArray img = a.get("img").get(s);
        Shape is = img.getShape();
        NDArray text = a.get("text_input").get(s);
        NDArray exp = a.get("exp").get(s);
        RexBatch inputs = new RexBatch((int) is.get(0), (int) is.get(1), (int) is.get(2),
                img.toType(DataType.FLOAT32, false).toFloatArray(), (int) text.getShape().get(1), longs(text),
                longs(a.get("token_type").get(s)), longs(a.get("attention_mask").get(s)),
                (int) exp.getShape().get(1), longs(exp));
        return new BatchAssembler.TrainBatch(inputs, longs(a.get("ans").get(s)), floats(a.get("valid_mask").get(s)),
                floats(a.get("structure_gate").get(s)));
    }

    private static long[] longs(NDArray a) {
        return a.toType(DataType.INT64, false).toLongArray();
    }

    private static float[] floats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    private static void writeTrace(Path file, List<Step> trace, double lr, double clipNorm, int batch, int seqLen)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("lr", lr);
        root.put("clip_norm", clipNorm);
        root.put("betas", List.of(AdamOptimizer.BETA1, AdamOptimizer.BETA2));
        root.put("eps", AdamOptimizer.EPSILON);
        root.put("batch", batch);
        root.put("steps", trace.size());
        root.put("seq_len", seqLen);
        root.put("dropout", 0.0);
        root.put("teacher_forcing", true);
        root.put("trace", trace.stream().map(Step::toJson).toList());
        JSON.writeValue(file.toFile(), root);
    }

    /** Reads a trace written by {@link #run} (or the original's, same layout). */
    public static List<Step> readTrace(Path file) throws IOException {
        List<Step> out = new ArrayList<>();
        for (var n : JSON.readTree(file.toFile()).get("trace")) {
            out.add(new Step(n.get("step").asInt(), n.get("loss").asDouble(), n.get("ans_loss").asDouble(),
                    n.get("exp_loss").asDouble(), n.get("gate_loss").asDouble(), n.get("grad_norm").asDouble()));
        }
        return out;
    }
}
