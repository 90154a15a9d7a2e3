package dev.rex.evaluation.browser;

import dev.rex.evaluation.EventStreamTest;
import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.events.Box;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.GroundingReference;
import dev.rex.events.ModelEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.TrainingProgressEvent;
import dev.rex.testing.KafkaTestClient;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in Debian's headless chromium, over a service with a finished run (training progress, a model
 * announcement, references with grounding, predictions, the table COMPLETE): the page shows the metric table with
 * the published anchors, the training curves, a question whose {@code #k} words are coloured like the boxes drawn
 * over the image frame, and a new state arriving by server-sent events without a reload. Any console error, uncaught
 * exception or failed load fails the test; the screenshot is {@code target/dashboard.png}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_evaluation"))
class DashboardBrowserTest extends EventStreamTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    EvaluationRepository repository;

    @Test
    void theDashboardShowsTheTableTheCurvesAQuestionWithItsBoxesAndLiveUpdates() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String split = "dash" + unique;
        String version = "rex-browser-" + unique + "-epoch-002";
        String runId = "run-browser-" + unique;
        training(runId).forEach(this::send);
        send(new ModelEvent(EventIds.newId(), runId, 1, "rex-browser", version, runId, "/models/" + version,
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Map.of("layers", 2),
                Map.of("vqaAccuracy", 0.5), "2026-12-02T09:00:00Z"));
        eventually(() -> repository.trainingProgress(runId, 100).size() == 7, "training progress stored");

        List<String> qids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String qid = "dash-" + unique + "-" + i;
            qids.add(qid);
            send(reference(qid, split));
        }
        eventually(() -> qids.stream().allMatch(q -> repository.findReferenceJson(q).isPresent()), "references stored");
        for (int i = 0; i < qids.size(); i++) {
            send(prediction(qids.get(i), split, version, i));
        }
        eventually(() -> repository.state(version, split).map(e -> e.status() == EvaluationEvent.Status.COMPLETE)
                .orElse(false), "the table COMPLETE");

        try (HeadlessChromium browser = HeadlessChromium.start(Duration.ofSeconds(60))) {
            browser.navigate(base.toString());
            String pair = version + "|" + split;
            String table = "document.querySelector('.evaluation[data-pair=\"" + pair + "\"]')";
            browser.await("the pair's metric table with grounding and the published anchors",
                    table + " !== null && " + table + ".querySelector('tr[data-metric=\"Grounding_published\"] td.num')"
                            + ".textContent.trim() !== '' && " + table + ".textContent.includes('VCIN')", WAIT);
            assertTrue(browser.evaluate(table + ".querySelector('.status').textContent").asText().equals("COMPLETE"));
            browser.await("the live badge (server-sent events connected)",
                    "document.getElementById('live').textContent === 'live'", WAIT);

            browser.evaluate("(() => { const s = document.getElementById('training-run'); s.value = '" + runId
                    + "'; s.dispatchEvent(new Event('change')); return true; })()");
            browser.await("a loss curve and a validation curve",
                    "document.querySelectorAll('#loss-chart path.line').length >= 2 && "
                            + "document.querySelectorAll('#val-chart path.line').length === 2", WAIT);

            browser.evaluate("(() => { const s = document.getElementById('viewer-pair'); s.value = '" + pair
                    + "'; s.dispatchEvent(new Event('change')); return true; })()");
            browser.await("the first question with its coloured regions and their boxes",
                    "document.querySelectorAll('#explanation span.region').length === 2 && "
                            + "document.querySelectorAll('#frame rect.region').length === 2 && "
                            + "document.querySelectorAll('#frame rect.annotated').length === 2", WAIT);
            String sameColours = "[...document.querySelectorAll('#explanation span.region')].every(w => "
                    + "{ const r = document.querySelector('#frame rect.region[data-region=\"' + w.dataset.region + '\"]'); "
                    + "return r !== null && r.getAttribute('stroke') === w.style.color.replace(/ /g, '') "
                    + "|| r !== null && w.style.color === hex2rgb(r.getAttribute('stroke')); })";
            browser.evaluate("window.hex2rgb = h => 'rgb(' + [1, 3, 5].map(i => parseInt(h.substr(i, 2), 16)).join(', ') + ')'");
            assertTrue(browser.evaluate(sameColours).asBoolean(), "each #k word has its box's colour");

            // live: a new model version's first prediction appears without a reload
            String liveVersion = version + "-live";
            send(prediction(qids.get(0), split, liveVersion, 0));
            browser.await("the new pair pushed by server-sent events",
                    "document.querySelector('.evaluation[data-pair=\"" + liveVersion + "|" + split + "\"]') !== null", WAIT);

            Path shot = Path.of("target", "dashboard.png");
            browser.screenshot(shot);
            assertTrue(Files.size(shot) > 10_000, "a real screenshot: " + Files.size(shot) + " bytes");
            assertEquals(List.of(), browser.errors(), "no console error, exception or failed load");
        }
    }

    private static List<TrainingProgressEvent> training(String runId) {
        List<TrainingProgressEvent> out = new ArrayList<>();
        out.add(progress(runId, TrainingProgressEvent.Phase.STARTED, 1, 0, Map.of(), Map.of()));
        for (int step = 10; step <= 30; step += 10) {
            Map<String, Double> losses = new LinkedHashMap<>();
            losses.put("answer", 3.0 - step / 20.0);
            losses.put("explanation", 4.0 - step / 15.0);
            losses.put("total", 7.0 - step / 8.0);
            out.add(progress(runId, TrainingProgressEvent.Phase.TRAINING, step <= 15 ? 1 : 2, step, losses, Map.of()));
        }
        out.add(progress(runId, TrainingProgressEvent.Phase.VALIDATING, 1, 15, Map.of(),
                Map.of("vqaAccuracy", 0.31, "cider", 0.9)));
        out.add(progress(runId, TrainingProgressEvent.Phase.VALIDATING, 2, 30, Map.of(),
                Map.of("vqaAccuracy", 0.44, "cider", 1.4)));
        out.add(progress(runId, TrainingProgressEvent.Phase.FINISHED, 0, 0, Map.of(), Map.of()));
        return out;
    }

    private static TrainingProgressEvent progress(String runId, TrainingProgressEvent.Phase phase, int epoch, long step,
                                                  Map<String, Double> losses, Map<String, Double> val) {
        return new TrainingProgressEvent(EventIds.newId(), runId, 1, runId, "rex-browser", phase, epoch, step, 30, 300,
                losses, 100.0, 1e-4, phase + " " + step, val);
    }

    private static ExplanationEvent reference(String qid, String split) {
        List<Box> detected = new ArrayList<>();
        for (int k = 0; k < 36; k++) {
            double x = 10 + (k % 6) * 75, y = 10 + (k / 6) * 50;
            detected.add(new Box(x, y, x + 90, y + 60));
        }
        GroundingReference g = new GroundingReference(500, 333, List.of(
                new GroundingReference.AnnotatedObject("11", 20, 30, 120, 90),
                new GroundingReference.AnnotatedObject("12", 250, 120, 150, 140)), detected);
        return new ExplanationEvent(EventIds.newId(), "corr-" + qid, 1, qid, "img-" + qid, split,
                ExplanationEvent.Status.EXPLAINED, "Is the cup to the left of the plate?", "yes",
                "cup is left of plate", "cup is left of plate", "#0 is to the left of #15", List.of(), null, g);
    }

    private static PredictionEvent prediction(String qid, String split, String version, int i) {
        List<String> tokens = List.of("#" + i, "is", "to", "the", "left", "of", "#" + (14 + i));
        List<PredictionEvent.PredictedRegion> regions = List.of(
                new PredictionEvent.PredictedRegion("#" + i, i, box(i)),
                new PredictionEvent.PredictedRegion("#" + (14 + i), 14 + i, box(14 + i)));
        return new PredictionEvent(EventIds.newId(), "corr-" + qid, 1, qid, "img-" + qid, split,
                PredictionEvent.Status.PREDICTED, i == 1 ? "no" : "yes", 0.83, tokens, regions, List.of(), version);
    }

    private static Box box(int k) {
        double x = 10 + (k % 6) * 75, y = 10 + (k / 6) * 50;
        return new Box(x, y, x + 90, y + 60);
    }
}
