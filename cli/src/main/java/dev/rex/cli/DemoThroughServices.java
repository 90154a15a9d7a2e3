package dev.rex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.build.BuildReport;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's GQA-REX through the running services: each split is imported over the preprocessing service's REST
 * API ({@code rex dataset publish}), explained by the explanation service from {@code rex.programs}, and exported
 * from its database ({@code rex dataset export --from-db}); the export is compared with the batch build.
 */
final class DemoThroughServices {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MILLIS = 600_000;

    private DemoThroughServices() {
    }

    /** @return the folder of the services' export (what the demo trains on) */
    static Path explain(Stack stack, Path world, BuildReport batch, Path out, Path batchDir, PrintStream log)
            throws IOException, InterruptedException {
        String preprocessing = StackService.named("preprocessing").url();
        URI explanation = URI.create(StackService.named("explanation").url());
        List<String> splits = List.copyOf(batch.splits().keySet());
        for (String split : splits) {
            run(new DatasetPublishCommand(), "--questions",
                    world.resolve("questions").resolve(split + "_balanced_questions.json").toString(),
                    "--scene-graphs", world.resolve("sceneGraphs").resolve(split + "_sceneGraphs.json").toString(),
                    "--boxes", world.resolve("boxes").toString(), "--split", split, "--url", preprocessing,
                    "--api-key-file", stack.apiKeyFile().toString());
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String split : splits) {
            long expected = batch.splits().get(split).read;
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            try (ProgressBar bar = new ProgressBar("explained " + split, expected)) {
                long stored;
                do {
                    Thread.sleep(500);
                    String body = http.send(HttpRequest.newBuilder(explanation.resolve(
                            "/api/explanations?split=" + split + "&size=1")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    stored = JSON.readTree(body).path("total").asLong();
                    bar.update(stored, "records in the explanation service");
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("the explanation service stored " + stored + " of " + expected
                                + " " + split + " questions in " + WAIT_MILLIS / 1000 + " s; see "
                                + stack.runDir().resolve("explanation.log"));
                    }
                } while (stored < expected);
            }
        }
        Path passwordFile = stack.runDir().resolve("db-password");
        ApiKeyFile.writeSecret(passwordFile, stack.dbPassword());
        run(new DatasetExportCommand(), "--from-db", "--out", out.toString(),
                "--jdbc-url", stack.jdbcUrl(StackService.named("explanation")), "--user", stack.dbUser(),
                "--password-file", passwordFile.toString(), "--splits", String.join(",", splits));
        log.println("      " + ExportComparison.of(batchDir, out));
        return out;
    }

    private static void run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(new CliErrors());
        int code = cl.execute(args);
        if (code != 0) {
            throw new IllegalStateException(cl.getCommandName() + " " + Arrays.toString(args) + " exited with " + code);
        }
    }
}
