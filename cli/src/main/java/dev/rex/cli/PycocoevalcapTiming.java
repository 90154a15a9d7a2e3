package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.io.FileTrees;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * pycocoevalcap timed on the benchmark's own pairs by a Python interpreter the user names ({@code --peer-python}),
 * through our small driver script {@code pycocoevalcap_timing.py}: the peer figure of {@code rex bench metrics} is
 * always one measured in the same run.
 */
final class PycocoevalcapTiming {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 30;

    private final String python;

    private PycocoevalcapTiming(String python) {
        this.python = python;
    }

    /** Checks that {@code python} runs and imports pycocoevalcap before any benchmark work. */
    static PycocoevalcapTiming check(String python) {
        String problem;
        try {
            Process p = new ProcessBuilder(python, "-c", "import pycocoevalcap.cider.cider").redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                problem = "did not answer within 2 minutes";
            } else {
                problem = p.exitValue() == 0 ? null : "cannot import pycocoevalcap (" + lastLine(output) + ")";
            }
        } catch (IOException e) {
            problem = "cannot be started (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "was interrupted";
        }
        if (problem != null) {
            throw new IllegalArgumentException("--peer-python " + python + " " + problem + "; name a Python "
                    + "interpreter with pycocoevalcap installed, or leave --peer-python out");
        }
        return new PycocoevalcapTiming(python);
    }

    /** Seconds of tokenization, BLEU, ROUGE-L and CIDEr on these pairs ({@code {gts, res}}). */
    double[] time(Map<String, List<String>>[] pairs) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rex-bench-peer");
            Path script = dir.resolve("pycocoevalcap_timing.py");
            try (InputStream in = PycocoevalcapTiming.class.getResourceAsStream("pycocoevalcap_timing.py")) {
                Files.copy(in, script);
            }
            Path data = dir.resolve("pairs.json");
            JSON.writeValue(data.toFile(), Map.of("gts", pairs[0], "res", pairs[1]));
            Process p = new ProcessBuilder(python, script.toString(), data.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("pycocoevalcap did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pycocoevalcap failed (exit " + p.exitValue() + "; its error is above)");
            }
            JsonNode s = JSON.readTree(lastLine(output));
            return new double[] {s.get("tokenize").asDouble(), s.get("bleu").asDouble(), s.get("rouge").asDouble(),
                    s.get("cider").asDouble()};
        } catch (IOException e) {
            throw new IllegalStateException("timing pycocoevalcap: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing pycocoevalcap", e);
        } finally {
            try {
                FileTrees.deleteTree(dir);
            } catch (IOException e) {
                System.err.println("rex bench metrics: could not remove " + dir + ": " + e.getMessage());
            }
        }
    }

    private static String lastLine(String s) {
        int i = s.lastIndexOf('\n');
        return i < 0 ? s : s.substring(i + 1);
    }
}
