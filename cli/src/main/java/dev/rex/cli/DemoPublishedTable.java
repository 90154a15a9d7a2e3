package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventCodec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The demo's last step through the services: waits until the evaluation service has published the table of the
 * streamed predictions ({@code GET /api/evaluation-states}: the pair's latest state on {@code rex.evaluations},
 * COMPLETE or PARTIAL and holding every received prediction), then prints that table as the service computed it.
 */
final class DemoPublishedTable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoPublishedTable() {
    }

    /** The published state of (version, split) once it covers {@code predictions}, or an error after {@code timeout}. */
    static EvaluationEvent await(String evaluationUrl, String version, String split, long predictions, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        EvaluationEvent last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(evaluationUrl + "/api/evaluation-states"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (JsonNode n : EventCodec.mapper().readTree(r.body())) {
                    EvaluationEvent e = EventCodec.mapper().treeToValue(n, EvaluationEvent.class);
                    if (e.modelVersion().equals(version) && e.split().equals(split)) {
                        last = e;
                        boolean table = e.status() == EvaluationEvent.Status.COMPLETE
                                || e.status() == EvaluationEvent.Status.PARTIAL;
                        if (table && e.counts().predictions() >= predictions) return e;
                        if (e.status() == EvaluationEvent.Status.FAILED) {
                            throw new IllegalStateException("the evaluation service's run " + e.runId() + " failed: "
                                    + e.error());
                        }
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the evaluation service published no table of " + version + " / " + split
                + " within " + timeout.toSeconds() + " s (last state: " + (last == null ? "none" : last.status()
                + " " + last.counts()) + "); see its log in the stack's run folder");
    }

    /** The table as published, with where its model came from ({@code origin}) and the dashboard's address. */
    static void print(PrintStream out, EvaluationEvent e, String origin, String dashboard) {
        out.println();
        out.printf(Locale.ROOT, "Table published by the evaluation service on rex.evaluations (%s, run %s, %s, %s)%n",
                e.status(), e.runId(), e.modelName() == null ? "model" : e.modelName(), e.modelVersion());
        out.println("  model: " + origin);
        EvaluationEvent.Counts c = e.counts();
        out.printf(Locale.ROOT, "  %d predictions of %d val questions: %d scored, %d empty, %d missing%n",
                c.predictions(), c.references(), c.scored(), c.empty(), c.missing());
        out.println("  metric              score (x100)");
        for (EvaluationEvent.Metric m : e.metrics()) {
            out.printf(Locale.ROOT, "  %-20s %s%n", m.name(), m.value() == null ? "n/a  (" + m.note() + ")"
                    : String.format(Locale.ROOT, "%.2f", m.value()));
        }
        out.println("  dashboard: " + dashboard);
    }
}
