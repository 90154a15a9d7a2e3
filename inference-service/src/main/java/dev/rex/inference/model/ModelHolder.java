package dev.rex.inference.model;

import dev.rex.model.DjlDefaults;
import dev.rex.events.ModelEvent;
import dev.rex.inference.config.InferenceConfig;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model this replica answers with: the newest checkpoint recorded in the models table (by announcement time)
 * whose files exist and whose {@code model.safetensors} has the announced sha256. It is loaded at start-up, after
 * every announcement this replica consumes, and on a timer (the other replicas' announcements); a new one is swapped
 * in atomically, so a request runs on the old or the new model, never a mix. A checkpoint that fails to verify or
 * load is logged, remembered as skipped (not retried) and the previous model stays.
 */
@Singleton
public class ModelHolder {
    private static final Logger LOG = Logger.getLogger(ModelHolder.class);
    /** How far back the table is searched for a loadable checkpoint newer than the current one. */
    private static final int CANDIDATES = 20;

    private final InferenceRepository repository;
    private final InferenceConfig config;
    private final Event<ModelChanged> changed;
    private final AtomicReference<ServingModel> current = new AtomicReference<>();
    /** name/version/sha256 → why it is not served. */
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private ScheduledExecutorService poller;

    public ModelHolder(InferenceRepository repository, InferenceConfig config, Event<ModelChanged> changed) {
        this.repository = repository;
        this.config = config;
        this.changed = changed;
        // before anything can touch DJL: the model consumer needs this bean, so it exists before any record arrives
        DjlDefaults.apply(config.modelsDir());
    }

    void start(@Observes StartupEvent ev) {
        refresh();
        long every = Math.max(1, config.modelPollInterval().toMillis());
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rex-model-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (poller != null) poller.shutdownNow();
        ServingModel m = current.getAndSet(null);
        if (m != null) m.release();
    }

    /** The model answering now, if any (no reference taken: for reporting). */
    public Optional<ServingModel> current() {
        return Optional.ofNullable(current.get());
    }

    /** The current model with a reference taken (release it when done); empty when none is loaded. */
    public Optional<ServingModel> acquire() {
        while (true) {
            ServingModel m = current.get();
            if (m == null) return Optional.empty();
            if (m.tryRetain()) return Optional.of(m);
            // swapped and closed between the read and the retain: read again
        }
    }

    /** Announced checkpoints this replica refused, with the reason, oldest first. */
    public synchronized Map<String, String> skipped() {
        return new LinkedHashMap<>(skipped);
    }

    /**
     * Loads the newest recorded checkpoint that is newer than the current one and verifies; checkpoints in between
     * that fail are skipped. Returns true when a model was swapped in.
     */
    public synchronized boolean refresh() {
        List<ModelEvent> newestFirst = repository.modelsNewestFirst(CANDIDATES);
        ServingModel now = current.get();
        List<ModelEvent> candidates = new ArrayList<>();
        for (ModelEvent m : newestFirst) {
            if (now != null && now.sameAs(m)) break;
            if (!skipped.containsKey(key(m))) candidates.add(m);
        }
        for (ModelEvent m : candidates) {
            Optional<ServingModel> loaded = load(m);
            if (loaded.isPresent()) {
                ServingModel old = current.getAndSet(loaded.get());
                if (old != null) old.release();
                LOG.infof("serving model %s %s from %s (was %s)", m.modelName(), m.version(), loaded.get().dir(),
                        old == null ? "none" : old.event().version());
                changed.fire(new ModelChanged(m.version()));
                return true;
            }
        }
        return false;
    }

    private Optional<ServingModel> load(ModelEvent m) {
        Path dir = ModelFiles.directory(m, config.modelsDir());
        RexModel model = null;
        try {
            ModelFiles.verify(m, dir);
            model = RexCheckpoint.load(dir);
            if (model.dictionaries().isEmpty()) {
                throw new IllegalArgumentException("checkpoint " + dir + " has no dictionaries (exp2idx.json, "
                        + "ans2idx.json, vocab.txt): it cannot encode questions or decode answers");
            }
            return Optional.of(new ServingModel(m, dir, model));
        } catch (Exception e) {
            if (model != null) model.close();
            String reason = "model " + m.modelName() + " " + m.version() + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
            skipped.put(key(m), reason);
            LOG.warnf("skipping %s (the previous model stays)", reason);
            return Optional.empty();
        }
    }

    private void pollQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("looking for a newer model failed (will retry): %s", e.getMessage());
        }
    }

    private static String key(ModelEvent m) {
        return m.modelName() + "/" + m.version() + "/" + m.sha256();
    }
}
