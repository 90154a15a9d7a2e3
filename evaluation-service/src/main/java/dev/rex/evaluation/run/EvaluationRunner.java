package dev.rex.evaluation.run;

import dev.rex.evaluation.config.EvaluationConfig;
import dev.rex.evaluation.persistence.RunRepository;
import dev.rex.evaluation.persistence.RunRepository.Pair;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.ExplanationEvent;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.Progress;
import dev.rex.metrics.rex.AttributeRecall;
import dev.rex.metrics.rex.GqaFiles;
import dev.rex.metrics.rex.RexEvaluation;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs {@link RexEvaluation} for a (model version, split): queue a run, publish RUNNING, compute the table over
 * the pair's stored predictions, persist it, then publish it ({@code COMPLETE}, or {@code PARTIAL} with the
 * number of the split's questions that had no prediction; {@code FAILED} with the error).
 * <p>
 * One run at a time, on a thread of its own: the metrics are CPU- and memory-heavy (METEOR's WordNet, SPICE's
 * parser) and must not hold up the consumers. A request for a pair that already has a queued run joins that run.
 */
@ApplicationScoped
public class EvaluationRunner {
    private static final Logger LOG = Logger.getLogger(EvaluationRunner.class);

    private final RunRepository runs;
    private final EvaluationConfig config;
    private final EvaluationStates states;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rex-evaluation-run");
        t.setDaemon(true);
        return t;
    });
    /** Built on the worker at the first run: loading the tokenizer is not free, and only the worker uses it. */
    private RexEvaluation evaluation;

    public EvaluationRunner(RunRepository runs, EvaluationConfig config, EvaluationStates states) {
        this.runs = runs;
        this.config = config;
        this.states = states;
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
        RunRepository.Run run = null;
        try {
            // under the request lock: from here on a new request queues a new run instead of joining this one
            synchronized (this) {
                run = runs.started(runId, pair.modelVersion());
            }
            states.running(run);
            RunRepository.Snapshot snapshot = runs.snapshot(pair);
            long references = snapshot.predictions().stream().filter(s -> s.reference() != null
                    && s.reference().status() == ExplanationEvent.Status.EXPLAINED).count();
            Map<String, String> problems = new LinkedHashMap<>();
            if (!config.spiceEnabled()) { // the library's own note names the CLI's flag, which is not how it is off here
                problems.put("SPICE", "SPICE off in this service (rex.evaluation.spice-enabled=false;"
                        + " its parser needs about 2 GB of heap)");
            }
            RexEvaluation.Input input = EvaluationInputs.of(snapshot.predictions(), attributes(problems),
                    ood(pair.split(), problems));
            MetricTable table = MetricTable.of(evaluation().evaluate(input), problems);
            String status = snapshot.missing() == 0 ? "COMPLETE" : "PARTIAL";
            runs.finished(runId, status, snapshot.predictions().size(), references, snapshot.expected(),
                    snapshot.missing(), table);
            EvaluationEvent.Counts counts = new EvaluationEvent.Counts(snapshot.predictions().size(),
                    snapshot.expected(), table.captionItems(), table.emptyPredictions(), snapshot.missing(),
                    snapshot.predictions().size() - references);
            states.finished(runs.find(runId).orElseThrow(), counts, table);
            LOG.infof("evaluation run %s %s: %d predictions, %d with a reference, %d missing, %s", runId, status,
                    snapshot.predictions().size(), references, snapshot.missing(), table.computed());
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "evaluation run %s failed", runId);
            try {
                runs.failed(runId, e.toString());
                if (run != null) {
                    states.failed(runs.find(runId).orElseThrow(), e.toString());
                }
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

    /**
     * REX's attribute tables, read per run (a file replaced between runs is used by the next); null when not
     * configured or unreadable (then {@code problems} says why, and the table's row shows it).
     */
    private AttributeRecall attributes(Map<String, String> problems) {
        if (config.attributeDir().isEmpty()) {
            return null;
        }
        try {
            return AttributeRecall.loadDirectory(config.attributeDir().get());
        } catch (IllegalArgumentException e) {
            LOG.warnf("attribute recall left out: %s", e.getMessage());
            problems.put("attributes", "configured tables cannot be used: " + e.getMessage());
            return null;
        }
    }

    /** The split's three GQA-OOD files when the configured folder has them (read per run: they are small). */
    private Map<String, Set<String>> ood(String split, Map<String, String> problems) {
        if (config.oodDir().isEmpty()) {
            return null;
        }
        Path dir = config.oodDir().get();
        if (!Files.isRegularFile(dir.resolve("ood_" + split + "_all.json"))) {
            problems.put("ood", "no GQA-OOD files for split " + split + " in " + dir + " (ood_" + split
                    + "_{all,head,tail}.json)");
            return null;
        }
        try {
            return GqaFiles.oodSets(dir, split);
        } catch (IllegalArgumentException e) {
            problems.put("ood", "GQA-OOD files cannot be used: " + e.getMessage());
            return null;
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
