package dev.rex.evaluation.run;

import dev.rex.evaluation.config.EvaluationConfig;
import dev.rex.evaluation.persistence.RunRepository;
import dev.rex.evaluation.persistence.RunRepository.Pair;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The debounce of automatic runs: every change to a (model version, split) — a prediction, or a reference for one
 * of its questions — restarts its quiet period; once {@code rex.evaluation.quiet-period} passed without one, a run
 * is requested. At start-up the pairs whose predictions are newer than their latest run are marked, so a restart
 * does not lose a pending table.
 */
@ApplicationScoped
public class QuietPeriodTrigger {
    private static final Logger LOG = Logger.getLogger(QuietPeriodTrigger.class);
    public static final String TRIGGER = "quiet-period";

    private final EvaluationRunner runner;
    private final RunRepository runs;
    private final long quietNanos;
    /** Pair → nanoTime of its last change. */
    private final Map<Pair, Long> changed = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    public QuietPeriodTrigger(EvaluationRunner runner, RunRepository runs, EvaluationConfig config) {
        this.runner = runner;
        this.runs = runs;
        this.quietNanos = config.quietPeriod().toNanos();
    }

    void start(@Observes StartupEvent ignored) {
        runs.stalePairs().forEach(this::changed);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rex-evaluation-debounce");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(50, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(quietNanos) / 4));
        ticker.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** {@code pair} changed now: its run waits for another quiet period. */
    public void changed(Pair pair) {
        changed.put(pair, System.nanoTime());
    }

    private void tick() {
        long now = System.nanoTime();
        for (Map.Entry<Pair, Long> e : changed.entrySet()) {
            // remove only if unchanged since read: a prediction arriving meanwhile keeps the pair waiting
            if (now - e.getValue() >= quietNanos && changed.remove(e.getKey(), e.getValue())) {
                try {
                    runner.request(e.getKey(), TRIGGER);
                } catch (RuntimeException ex) {
                    LOG.errorf(ex, "could not queue the evaluation of %s; retried at its next change", e.getKey());
                }
            }
        }
    }
}
