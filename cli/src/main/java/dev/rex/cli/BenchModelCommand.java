package dev.rex.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rex.model.RexBatch;
import dev.rex.model.RexConfig;
import dev.rex.model.RexFlops;
import dev.rex.model.RexModel;
import dev.rex.model.RexPredictor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/** {@code rex bench model}: evaluation forward time of the REX network per batch on this machine's CPU. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Time one evaluation-mode forward pass of REX networks of each size.",
                "Times one evaluation-mode forward pass (backbone + 12 decoder steps + structure gate) of "
                + "randomly initialised REX networks on random inputs, and prints ms per batch, samples/s and the "
                + "achieved GFLOP/s (matrix products only, see RexFlops).",
                "Sizes are the config presets; vocabulary sizes default to bert-base-uncased and GQA-REX-like "
                        + "dictionaries."})
public final class BenchModelCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "small,base", paramLabel = "tiny|small|base",
            description = "presets to time (default: ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--batch", defaultValue = "32", description = "samples per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seq-len", defaultValue = "20",
            description = "question tokens, padded (REX: 20 in training, 35 in evaluation; default ${DEFAULT-VALUE})")
    int seqLen;

    @Option(names = "--iterations", defaultValue = "5", description = "timed batches (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed batches first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--nb-vocab", defaultValue = "3000", description = "explanation vocabulary (default: ${DEFAULT-VALUE})")
    int nbVocab;

    @Option(names = "--nb-answer", defaultValue = "1845", description = "answers (default: ${DEFAULT-VALUE})")
    int nbAnswer;

    @Option(names = "--peak-gflops", defaultValue = "240",
            description = "the machine's fp32 matrix-multiply peak, for the efficiency column (default: ${DEFAULT-VALUE})")
    double peak;

    @Option(names = "--threads", defaultValue = "0",
            description = "libtorch intra-op threads (0: its default, one per core). On a machine busy with other "
                    + "work, 1 avoids OpenMP threads waiting on each other.")
    int threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (batch < 1 || seqLen < 2 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--batch >= 1, --seq-len >= 2, --iterations >= 1, --warmup >= 0");
        }
        if (threads > 0) {
            // read by the PyTorch engine when it starts, which is below (the CLI has not used it yet)
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "REX evaluation forward, batch %d, %d question tokens + 36 regions, %d CPU cores, "
                        + "%s libtorch threads%n", batch, seqLen, Runtime.getRuntime().availableProcessors(),
                threads > 0 ? Integer.toString(threads) : "default");
        o.printf(Locale.ROOT, "%-6s %12s %10s %12s %12s %9s %8s%n", "size", "params", "GFLOP", "ms/batch",
                "samples/s", "GFLOP/s", "of peak");
        o.flush();
        for (String size : sizes) {
            RexConfig config = RexConfig.preset(size, 30522, nbAnswer, nbVocab);
            RexBatch input = randomBatch(config);
            double flop = RexFlops.forward(config, batch, seqLen);
            double[] ms = new double[iterations];
            long params;
            try (RexModel model = RexModel.create(config, 1); RexPredictor predictor = model.newPredictor();
                 ProgressBar bar = new ProgressBar("bench " + size, warmup + iterations)) {
                params = model.parameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
                for (int i = 0; i < warmup + iterations; i++) {
                    long start = System.nanoTime();
                    predictor.predict(input);
                    if (i >= warmup) {
                        ms[i - warmup] = (System.nanoTime() - start) / 1e6;
                    }
                    bar.update(i + 1, i < warmup ? "warm-up" : String.format(Locale.ROOT, "%.0f ms", ms[i - warmup]));
                }
            }
            Arrays.sort(ms);
            double median = ms[ms.length / 2];
            double gflops = flop / 1e9 / (median / 1e3);
            o.printf(Locale.ROOT, "%-6s %12s %10.1f %12.1f %12.1f %9.1f %7.0f%%%n", size,
                    String.format(Locale.ROOT, "%,d", params), flop / 1e9, median, batch / (median / 1e3), gflops,
                    100 * gflops / peak);
            o.flush();
        }
        o.printf(Locale.ROOT, "reference: a 1024x1024 fp32 matrix product runs at %.1f GFLOP/s here now "
                + "(other load on the machine lowers both figures)%n", matmulGflops());
        o.println("(median over the timed batches; the input-to-tensor copy of the predictor is included)");
        o.flush();
        return 0;
    }

    /** What the engine achieves on a plain large matrix product right now: the ceiling for the figures above. */
    private static double matmulGflops() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new Shape(1024, 1024));
            x.matMul(x).close();
            int n = 8;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                x.matMul(x).close();
            }
            return n * 2.0 * 1024 * 1024 * 1024 / ((System.nanoTime() - start) / 1e9) / 1e9;
        }
    }

    private RexBatch randomBatch(RexConfig c) {
        Random rnd = new Random(1);
        float[] img = new float[batch * c.numRoi() * c.visualEmbeddingDim()];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextFloat();
        }
        long[] ids = new long[batch * seqLen];
        long[] mask = new long[batch * seqLen];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + rnd.nextInt(20000);
            mask[i] = 1;
        }
        return new RexBatch(batch, c.numRoi(), c.visualEmbeddingDim(), img, seqLen, ids, new long[ids.length], mask,
                c.numStep(), null);
    }
}
