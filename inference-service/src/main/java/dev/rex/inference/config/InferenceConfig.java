package dev.rex.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/** Tunables of the inference service ({@code rex.inference.*}). */
@ConfigMapping(prefix = "rex.inference")
public interface InferenceConfig {
    /**
     * Checkpoints announced on rex.models are read from here (the shared models volume in docker-compose): an
     * announced location that is not absolute is resolved against it.
     */
    Path modelsDir();

    /** The bottom-up region feature store (36 × 2048 per image), looked up by image id. */
    Path featuresDir();

    /**
     * Inference workers of this replica: each is one Kafka consumer of rex.inference.requests (so the partitions
     * are answered concurrently), one transactional producer and its own predictor over the shared weights.
     */
    @WithDefault("2")
    int workers();

    /**
     * libtorch intra-op threads of the process (as {@code rex bench inference --torch-threads}): with one, the
     * parallelism comes from the workers, which is faster on a small CPU than threads spinning inside each op.
     */
    @WithDefault("1")
    int torchThreads();

    /** The most questions one forward pass answers (records polled together are batched up to this). */
    @WithDefault("16")
    int maxBatch();

    /** How long a worker waits for more records to fill a batch once the first one arrived. */
    @WithDefault("10ms")
    Duration maxWait();

    /** Partitions rex.inference.requests is given at start-up if it has fewer: the bound on useful workers. */
    @WithDefault("8")
    int partitions();

    /** How many announced versions stay loaded, so requests pinned to a recent version are answered by it. */
    @WithDefault("2")
    int versionsKept();

    /**
     * The model names this replica serves (an entry ending in {@code *} is a prefix); announcements of other names
     * are dead-lettered, so they are never recorded nor loaded.
     */
    List<String> modelNames();

    /**
     * Names this replica's transactional producers (with the worker index): a restarted replica with the same id
     * aborts what its previous incarnation left open at once. Default: the host name.
     */
    Optional<String> replicaId();

    /** A transaction left open by a replica that died is aborted by the broker after this long. */
    @WithDefault("15s")
    Duration transactionTimeout();

    /**
     * How often the replica looks in the models table for a newer checkpoint. Replicas share one consumer group,
     * so only one of them reads each rex.models announcement; the others pick it up from the table.
     */
    @WithDefault("10s")
    Duration modelPollInterval();
}
