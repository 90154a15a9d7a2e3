package dev.rex.inference.model;

import dev.rex.model.DjlDefaults;
import dev.rex.events.ModelEvent;
import dev.rex.inference.config.InferenceConfig;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import dev.rex.model.train.TorchThreads;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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

/**
 * The models this replica answers with: the newest {@code rex.inference.versions-kept} checkpoints recorded in the
 * models table (by announcement time) whose name is one of {@code rex.inference.model-names}, whose files exist
 * and whose {@code model.safetensors} has the announced sha256. The newest answers unpinned requests; the others
 * answer requests pinned to them. The set is refreshed at start-up, after every announcement this replica
 * consumes, and on a timer (the other replicas' announcements), and swapped atomically: a batch is routed against
 * one {@link ServedModels} snapshot. A checkpoint that fails to verify or load is logged, remembered as skipped
 * (not retried) and the previous set stays.
 */
@Singleton
public class ModelHolder {
    private static final Logger LOG = Logger.getLogger(ModelHolder.class);
    /** How far back the table is searched for loadable checkpoints. */
    private static final int CANDIDATES = 20;

    private final InferenceRepository repository;
    private final InferenceConfig config;
    /** The holder's own snapshot: one reference on each model for as long as it is served. */
    private volatile ServedModels served = new ServedModels(0, List.of());
    /** name/version/sha256 → why it is not served. */
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private ScheduledExecutorService poller;

    public ModelHolder(InferenceRepository repository, InferenceConfig config) {
        if (config.versionsKept() < 1) {
            throw new IllegalArgumentException("rex.inference.versions-kept must be at least 1, was "
                    + config.versionsKept());
        }
        this.repository = repository;
        this.config = config;
        // before anything can touch DJL: the consumers need this bean, so it exists before any record arrives
        DjlDefaults.apply(config.modelsDir());
    }

    void start(@Observes StartupEvent ev) {
        TorchThreads.set(config.torchThreads());
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
        ServedModels last;
        synchronized (this) {
            last = served;
            served = new ServedModels(last.generation() + 1, List.of());
        }
        last.models().forEach(ServingModel::release);
    }

    /** The model answering unpinned requests now, if any (no reference taken: for reporting). */
    public Optional<ServingModel> current() {
        return served.newest();
    }

    /** Every served model, newest first (no reference taken: for reporting). */
    public List<ServingModel> servedNow() {
        return served.models();
    }

    /** A counter that changes whenever the served set does (workers compare it to drop stale predictors). */
    public long generation() {
        return served.generation();
    }

    /** The served set with a reference taken on each model; give it back with {@link #release}. */
    public synchronized ServedModels acquire() {
        ServedModels now = served;
        now.models().forEach(ServingModel::retain); // under the lock: no swap can release them in between
        return now;
    }

    public void release(ServedModels snapshot) {
        snapshot.models().forEach(ServingModel::release);
    }

    /** Whether announcements of this model name are served here. */
    public boolean accepts(String modelName) {
        return ModelAnnouncements.named(config.modelNames(), modelName);
    }

    /** Announced checkpoints this replica refused, with the reason, oldest first. */
    public synchronized Map<String, String> skipped() {
        return new LinkedHashMap<>(skipped);
    }

    /**
     * Serves the newest {@code versions-kept} loadable checkpoints of the configured names; loads those not loaded
     * yet and releases those that fell out. Returns true when the served set changed.
     */
    public synchronized boolean refresh() {
        List<ServingModel> keep = new ArrayList<>();
        List<ServingModel> loadedNow = new ArrayList<>();
        for (ModelEvent m : repository.modelsNewestFirst(CANDIDATES)) {
            if (keep.size() == config.versionsKept()) break;
            if (skipped.containsKey(key(m))) continue;
            if (!accepts(m.modelName())) {
                skip(m, "model name " + m.modelName() + " is not one of rex.inference.model-names "
                        + config.modelNames() + " (add it there to serve it)");
                continue;
            }
            Optional<ServingModel> already = served.models().stream().filter(s -> s.sameAs(m)).findFirst();
            if (already.isPresent()) {
                keep.add(already.get());
                continue;
            }
            Optional<ServingModel> loaded = load(m);
            loaded.ifPresent(keep::add);
            loaded.ifPresent(loadedNow::add);
        }
        ServedModels old = served;
        if (keep.equals(old.models())) return false;
        for (ServingModel m : keep) {
            if (!loadedNow.contains(m)) m.retain(); // the new snapshot's own reference; the old one's goes below
        }
        served = new ServedModels(old.generation() + 1, keep);
        old.models().forEach(ServingModel::release);
        LOG.infof("serving %s (was %s)", served.versions(), old.versions());
        return true;
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
            LOG.infof("loaded model %s %s from %s", m.modelName(), m.version(), dir);
            return Optional.of(new ServingModel(m, dir, model));
        } catch (Exception e) {
            if (model != null) model.close();
            skip(m, e.getMessage() == null ? e.toString() : e.getMessage());
            return Optional.empty();
        }
    }

    private void skip(ModelEvent m, String why) {
        String reason = "model " + m.modelName() + " " + m.version() + ": " + why;
        skipped.put(key(m), reason);
        LOG.warnf("skipping %s (the served versions stay)", reason);
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
