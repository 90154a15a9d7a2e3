package dev.rex.evaluation.run;

import dev.rex.evaluation.config.EvaluationConfig;
import dev.rex.evaluation.messaging.Channels;
import dev.rex.evaluation.persistence.RunRepository;
import dev.rex.evaluation.persistence.RunRepository.Pair;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.Progress;
import dev.rex.metrics.rex.RexEvaluation;
import dev.rex.service.KafkaEvents;
import dev.rex.service.MessagingConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs {@link RexEvaluation} for a (model version, split): queue a run, compute the table over the pair's stored
 * predictions, persist it, then publish it on {@code rex.evaluations} ({@code COMPLETE}, metrics × 100), or
 * {@code PENDING_METRICS} with the counts while no prediction has a reference to score against.
 * <p>
 * One run at a time, on a thread of its own: the metrics are CPU- and memory-heavy (METEOR's WordNet, SPICE's
 * parser) and must not hold up the consumers. A request for a pair that already has a queued run joins that run.
 */
@ApplicationScoped
public class EvaluationRunner {
    private static final Logger LOG = Logger.getLogger(EvaluationRunner.class);

    private final RunRepository runs;
    private final EvaluationConfig config;
    private final MessagingConfig messaging;
    private final Emitter<String> out;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rex-evaluation-run");
        t.setDaemon(true);
        return t;
    });
    /** Built on the worker at the first run: loading the tokenizer is not free, and only the worker uses it. */
    private RexEvaluation evaluation;

    public EvaluationRunner(RunRepository runs, EvaluationConfig config, MessagingConfig messaging,
                            @Channel(Channels.EVALUATIONS_OUT) Emitter<String> out) {
        this.runs = runs;
        this.config = config;
        this.messaging = messaging;
        this.out = out;
    }

    /** Queues a run of {@code pair} (or joins the one already queued) and returns its id. */
    public synchronized String request(Pair pair, String trigger) {
        return runs.queuedRun(pair).orElseGet(() -> {
            String runId = runs.queue(pair, trigger);
            worker.submit(() -> execute(runId, pair));
            LOG.debugf("evaluation run %s queued (%s)", runId, trigger);
            return runId;
        });
    }

    private void execute(String runId, Pair pair) {
        try {
            // under the request lock: from here on a new request queues a new run instead of joining this one
            synchronized (this) {
                runs.started(runId);
            }
            List<ScoredPrediction> predictions = runs.predictions(pair);
            long references = predictions.stream().filter(s -> s.reference() != null
                    && s.reference().status() == ExplanationEvent.Status.EXPLAINED).count();
            MetricTable table = MetricTable.of(evaluation().evaluate(EvaluationInputs.of(predictions)));
            Map<String, Double> metrics = table.computed();
            boolean complete = !metrics.isEmpty();
            runs.finished(runId, complete ? "COMPLETE" : "NO_REFERENCES", predictions.size(), references, table);
            EvaluationEvent event = new EvaluationEvent(EventIds.newId(), runId, EventTypes.EVALUATION.currentVersion(),
                    runId, pair.modelVersion(), pair.split(),
                    complete ? EvaluationEvent.Status.COMPLETE : EvaluationEvent.Status.PENDING_METRICS,
                    predictions.size(), references, metrics);
            KafkaEvents.publish(out, event, messaging.publishTimeout());
            LOG.infof("evaluation run %s: %d predictions, %d with a reference, %s", runId, predictions.size(),
                    references, metrics);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "evaluation run %s failed", runId);
            try {
                runs.failed(runId, e.toString());
            } catch (RuntimeException again) {
                LOG.errorf(again, "could not record the failure of run %s", runId);
            }
        }
    }

    private RexEvaluation evaluation() {
        if (evaluation == null) {
            evaluation = new RexEvaluation(new CaptionOptions(config.meteorParaphraseTable().orElse(null),
                    config.spiceEnabled(), config.metricThreads(), Progress.NONE));
        }
        return evaluation;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
