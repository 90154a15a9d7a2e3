package dev.rex.cli;

import ai.djl.ndarray.NDManager;
import dev.rex.model.NamedArrays;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexConfig;
import dev.rex.model.RexModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI as a user meets it: its own JVM (what {@code ./rex} execs, with the environment the launcher sets), so
 * that what reaches the console is what the user would see: no SLF4J warnings, no libtorch deprecation warning,
 * fast failures before the engine loads.
 */
class CliProcessTest {

    @TempDir
    Path tmp;

    /** One CLI process; its stdout and stderr in files, killed if it outlives {@code seconds}. */
    record Proc(int code, String out, String err, double seconds) {
    }

    static ProcessBuilder cli(Path outFile, Path errFile, List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Stack.javaBinary(), "-Xmx1g", "-Dai.djl.offline=true"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RexCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("DJL_OFFLINE", "true"); // as ./rex exports it

        return pb;
    }

    static Proc run(Path dir, long seconds, String... args) throws Exception {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        long t0 = System.nanoTime();
        Process p = cli(out, err, List.of(), args).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("rex " + String.join(" ", args) + " still ran after " + seconds + " s");
        }
        return new Proc(p.exitValue(), Files.readString(out), launcherFiltered(err), (System.nanoTime() - t0) / 1e9);
    }

    /** The CLI's stderr as the ./rex launcher shows it: through its filter of libtorch's native warnings. */
    static String launcherFiltered(Path stderr) throws Exception {
        Path filter = Path.of(System.getProperty("user.dir")).resolve("src/main/sh/quiet-native-warnings.pl");
        Path shown = stderr.resolveSibling("stderr-shown.txt");
        Process perl = new ProcessBuilder("perl", filter.toString()).redirectInput(stderr.toFile())
                .redirectError(shown.toFile()).start();
        assertTrue(perl.waitFor(30, TimeUnit.SECONDS), "the filter did not end");
        assertEquals(0, perl.exitValue());
        return Files.readString(shown);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void modelRunPrintsNoLoggingOrLibtorchNoise() throws Exception {
        RexConfig config = new RexConfig(40, 16, 1, 2, 32, 2048, 64, 2, 1e-12, 0.1, 0.1, 4, 36, true, 3, 40);
        Path ckpt = tmp.resolve("ckpt");
        Path in = tmp.resolve("in.npz");
        try (RexModel model = RexModel.create(config, 1); NDManager m = NDManager.newBaseManager()) {
            RexCheckpoint.save(model, ckpt);
            NamedArrays.writeNpz(ModelRunCommandTest.randomInput(m, 1, 3), in);
        }
        Proc ok = run(tmp, 90, "model", "run", "--checkpoint", ckpt.toString(), "--input", in.toString(), "--out",
                tmp.resolve("out.npz").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("1 sample(s)"), ok.out());
        assertFalse(ok.err().contains("SLF4J"), "no SLF4J warnings:\n" + ok.err());
        assertFalse(ok.err().contains("AutoNonVariableTypeMode"), "no libtorch deprecation warning:\n" + ok.err());
        assertEquals("", ok.err().strip(), "a quiet console: nothing on stderr but progress\n" + ok.err());

        Proc bad = run(tmp, 60, "model", "run", "--checkpoint", ckpt.toString(), "--input",
                tmp.resolve("nope.npz").toString(), "--out", tmp.resolve("o.npz").toString());
        assertEquals(2, bad.code(), bad.err());
        assertEquals(2, bad.err().strip().lines().count(), "the error and where to read more:\n" + bad.err());
        assertTrue(bad.err().contains("--input " + tmp.resolve("nope.npz") + " does not exist"), bad.err());
        assertTrue(bad.seconds() < ok.seconds(), "a wrong input fails before the engine loads: " + bad.seconds()
                + " s vs " + ok.seconds() + " s for a real run");
    }

    @Test
    void theLauncherRunsTheCliThroughThatFilter() throws IOException {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("rex");
        String text = Files.readString(script, StandardCharsets.UTF_8);
        assertTrue(text.contains("2> >(exec perl \"$ROOT/cli/src/main/sh/quiet-native-warnings.pl\")"), text);
    }

    /** The throughput table alone, in a fresh JVM: it once asked libtorch its thread count before loading it. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void benchTrainThroughputAloneRunsInAFreshProcess() throws Exception {
        Proc p = run(tmp, 170, "bench", "train", "--skip-small", "--throughput-configs", "tiny",
                "--throughput-batches", "2", "--steps", "1"); // no --threads: that would load libtorch first
        assertEquals(0, p.code(), p.out() + p.err());
        assertTrue(p.out().matches("(?s).*\\ntiny\\s+2\\s+\\d+\\.\\d+.*"), "no tiny row in:\n" + p.out());
        assertTrue(p.out().matches("(?s).*libtorch threads \\d+\\).*"), p.out());
    }
}
