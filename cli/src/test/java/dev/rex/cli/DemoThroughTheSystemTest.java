package dev.rex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rex demo --exit} with the stack, small: the five service jars as processes over the embedded broker and
 * database. The model must come from the training service (a run it names, whose checkpoint it wrote under its own
 * runs folder and announced on {@code rex.models}), and the printed table must be the evaluation service's, with
 * grounding figures. Needs the service jars (the reactor's install packages them before the cli) and the fixed
 * service ports: run it under the machine's stack lock.
 */
class DemoThroughTheSystemTest {
    private static final Pattern RUN_ID = Pattern.compile("training run (run-\\d{8}-\\d{6}-[0-9a-f]{8}) SUCCEEDED");

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void trainsThroughTheTrainingServiceAndPrintsTheEvaluationServicesTable(@TempDir Path tmp) throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // surefire runs in cli/
        for (StackService s : StackService.ALL) {
            assertTrue(Files.isRegularFile(s.jar(root)), s.jar(root) + " is not built: mvn install builds the services"
                    + " before the cli");
        }
        Path work = tmp.resolve("demo");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            CommandLine cl = new CommandLine(new DemoCommand(root, work, tmp.resolve("state")));
            cl.setExecutionExceptionHandler(new CliErrors());
            code = cl.execute("--images", "12", "--questions-per-image", "6", "--epochs", "2", "--batch", "16",
                    "--exit");
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out); // into the test's output file, beside the progress bars and the services' start
        assertEquals(0, code, out);

        List<String> steps = out.lines().filter(l -> l.matches("^\\[\\d+/\\d+\\].*"))
                .map(l -> l.substring(0, l.indexOf(']') + 1)).toList();
        assertEquals(List.of("[1/7]", "[2/7]", "[3/7]", "[4/7]", "[5/7]", "[6/7]", "[7/7]"), steps, out);

        // the model: a run of the training service, its checkpoint in that run's folder, announced by the service
        Matcher run = RUN_ID.matcher(out);
        assertTrue(run.find(), "no training run of the service named:\n" + out);
        String runId = run.group(1);
        assertTrue(out.contains("POST http://localhost:8083/api/training-runs -> 202, training run " + runId), out);
        Matcher announced = Pattern.compile("the training service announced rex-demo-tiny (" + Pattern.quote(runId)
                + "-epoch-\\d{3}) on rex\\.models \\(training run " + Pattern.quote(runId) + ", ([^,]+),").matcher(out);
        assertTrue(announced.find(), "no announcement by the training service of run " + runId + ":\n" + out);
        String version = announced.group(1);
        Path checkpoint = work.toRealPath().resolve("model/runs").resolve(runId);
        assertTrue(Files.isRegularFile(checkpoint.resolve("best/model.safetensors")),
                "the service wrote no checkpoint under " + checkpoint);
        assertTrue(announced.group(2).contains("model/runs/" + runId + "/"), announced.group(2));

        // the table: the evaluation service's, of that version, with grounding figures
        int table = out.indexOf("Table published by the evaluation service on rex.evaluations");
        assertTrue(table >= 0, "no published table:\n" + out);
        String published = out.substring(table);
        assertTrue(published.lines().findFirst().orElseThrow().contains(version), published);
        assertTrue(published.contains("trained by the training service, run " + runId), published);
        Matcher grounding = Pattern.compile("(?m)^  (Grounding[^\\n]*?)\\s+(-?\\d+\\.\\d\\d)$").matcher(published);
        int groundingRows = 0;
        while (grounding.find()) {
            groundingRows++;
            double value = Double.parseDouble(grounding.group(2));
            assertTrue(value >= 0 && value <= 100, grounding.group());
        }
        assertEquals(2, groundingRows, "grounding as published and corrected, with figures:\n" + published);
        assertTrue(published.contains("dashboard: http://localhost:8085/"), published);
        assertTrue(published.contains("SPICE off in this service"), "the user typed no --no-spice:\n" + published);
    }
}
