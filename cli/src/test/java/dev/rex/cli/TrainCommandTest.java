package dev.rex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex train}'s contract at the flag level: bad settings exit 2 with the flag named, before any training. */
class TrainCommandTest {

    private static String[] run(String... args) {
        CommandLine cl = RexCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[]{String.valueOf(code), err.toString()};
    }

    @Test
    void badSettingsNameTheFlag(@TempDir Path dir) throws Exception {
        Path q = Files.createDirectories(dir.resolve("q"));
        Path d = Files.createDirectories(dir.resolve("d"));
        Path f = Files.createDirectories(dir.resolve("f"));
        Files.createDirectories(f.resolve("boxes"));
        Files.createDirectories(f.resolve("features"));
        String[] common = {"train", "--questions", q.toString(), "--data", d.toString(), "--features", f.toString(),
                "--out", dir.resolve("out").toString()};

        String[] r = run(concat(common, "--config", "tiny", "--mode", "vqa"));
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("error: --init "), r[1]);

        r = run(concat(common, "--config", "huge", "--mode", "multitask"));
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("error: --config "), r[1]);

        r = run(concat(common, "--config", "tiny", "--mode", "joint"));
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("error: --mode joint is not a training mode"), r[1]);

        r = run(concat(common, "--config", "tiny", "--mode", "multitask", "--epochs", "0"));
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("error: --epochs must be at least 1, got 0"), r[1]);

        r = run(concat(common, "--config", "tiny", "--mode", "multitask"));
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("converted_explanation_train.json"), r[1]);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
