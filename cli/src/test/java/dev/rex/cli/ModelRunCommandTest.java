package dev.rex.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rex.model.NamedArrays;
import dev.rex.model.RexBatch;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexConfig;
import dev.rex.model.RexModel;
import dev.rex.model.RexOutput;
import dev.rex.model.RexPredictor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex model run}: the contract of issue 6 on the shared fixture and on a checkpoint made here. */
class ModelRunCommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run rex(String... args) {
        CommandLine cl = RexCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void reproducesTheOriginalModuleOnTheSharedFixture() throws Exception {
        Path dir = Fixtures.rexNetwork();
        for (String[] pair : new String[][] {{"input.npz", "expected.npz"}, {"input_teacher.npz",
                "expected_teacher.npz"}}) {
            Path out = tmp.resolve("out-" + pair[0]);
            Run r = rex("model", "run", "--checkpoint", dir.toString(), "--input", dir.resolve(pair[0]).toString(),
                    "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            try (NDManager m = NDManager.newBaseManager()) {
                assertClose(NamedArrays.read(m, dir.resolve(pair[1])), NamedArrays.read(m, out), 1e-5);
            }
        }
    }

    @Test
    void writesWhatTheJavaApiComputesAndNoGateWhenItIsOff() throws Exception {
        RexConfig config = new RexConfig(40, 16, 1, 2, 32, 2048, 64, 2, 1e-12, 0.1, 0.1, 4, 36, false, 3, 40);
        Path ckpt = tmp.resolve("ckpt");
        Path in = tmp.resolve("in.npz");
        RexOutput api;
        try (RexModel model = RexModel.create(config, 7); NDManager m = NDManager.newBaseManager()) {
            RexCheckpoint.save(model, ckpt);
            NDList input = randomInput(m, 2, 5);
            NamedArrays.writeNpz(input, in);
            try (RexPredictor p = model.newPredictor()) {
                api = p.predict(RexBatch.fromNamed(input));
            }
        }
        Path out = tmp.resolve("out.npz");
        Run r = rex("model", "run", "--checkpoint", ckpt.toString(), "--input", in.toString(), "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("greedy"), r.out());
        try (NDManager m = NDManager.newBaseManager()) {
            NDList written = NamedArrays.read(m, out);
            assertEquals(2, written.size(), "answer_probs and word_probs only: the gate is off");
            assertClose(api.toNamedList(m), written, 0);
            assertEquals(new Shape(2, 4, 41), written.get("word_probs").getShape());
        }
    }

    @Test
    void aMissingArrayOrCheckpointIsAClearUserError() throws Exception {
        Run r = rex("model", "run", "--checkpoint", tmp.resolve("nope").toString(), "--input", "x.npz", "--out",
                "y.npz");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("checkpoint directory not found"), r.err());

        RexConfig config = new RexConfig(40, 16, 1, 2, 32, 2048, 64, 2, 1e-12, 0.1, 0.1, 4, 36, true, 3, 40);
        Path ckpt = tmp.resolve("ckpt");
        Path in = tmp.resolve("in.npz");
        try (RexModel model = RexModel.create(config, 1); NDManager m = NDManager.newBaseManager()) {
            RexCheckpoint.save(model, ckpt);
            NDList input = randomInput(m, 1, 3);
            input.remove("token_type");
            NamedArrays.writeNpz(input, in);
        }
        r = rex("model", "run", "--checkpoint", ckpt.toString(), "--input", in.toString(), "--out",
                tmp.resolve("o.npz").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("token_type"), r.err());
    }

    static NDList randomInput(NDManager m, int batch, int len) {
        Random rnd = new Random(3);
        float[] img = new float[batch * 36 * 2048];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextFloat();
        }
        long[] ids = new long[batch * len];
        long[] mask = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < len; t++) {
                boolean real = t < len - b;
                ids[b * len + t] = real ? 1 + rnd.nextInt(39) : 0;
                mask[b * len + t] = real ? 1 : 0;
            }
        }
        NDArray a = m.create(img, new Shape(batch, 36, 2048));
        a.setName("img");
        NDArray t = m.create(ids, new Shape(batch, len));
        t.setName("text_input");
        NDArray tt = m.zeros(new Shape(batch, len), ai.djl.ndarray.types.DataType.INT64);
        tt.setName("token_type");
        NDArray am = m.create(mask, new Shape(batch, len));
        am.setName("attention_mask");
        return new NDList(a, t, tt, am);
    }

    static void assertClose(NDList expected, NDList actual, double tol) {
        assertEquals(expected.size(), actual.size(), "number of arrays");
        for (NDArray e : expected) {
            NDArray a = actual.get(e.getName());
            assertNotNull(a, "missing " + e.getName());
            assertEquals(e.getShape(), a.getShape(), e.getName());
            float[] ev = e.toFloatArray();
            float[] av = a.toFloatArray();
            for (int i = 0; i < ev.length; i++) {
                assertEquals(ev[i], av[i], tol, e.getName() + "[" + i + "]");
            }
        }
    }
}
