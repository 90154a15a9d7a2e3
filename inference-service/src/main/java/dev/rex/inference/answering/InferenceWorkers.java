package dev.rex.inference.answering;

import dev.rex.inference.config.InferenceConfig;
import dev.rex.inference.model.ModelChanged;
import dev.rex.inference.model.ModelHolder;
import dev.rex.inference.model.ServingModel;
import dev.rex.model.infer.Answer;
import dev.rex.model.infer.Question;
import dev.rex.model.infer.QuestionAnswerer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of {@code rex.inference.workers} threads; each thread owns its own {@link QuestionAnswerer} (so its own
 * DJL predictor: predictors are not thread-safe) over the shared weights of the current model, kept in a
 * {@link ThreadLocal} and replaced when the holder swaps models. The Kafka consumer thread hands a question to the
 * pool and waits for the answer, so the record is acknowledged only once it is answered and persisted.
 */
@Singleton
public class InferenceWorkers {
    /** A worker's answerer and the model reference it holds. */
    private record Owned(ServingModel model, QuestionAnswerer answerer) {
        void close() {
            answerer.close();
            model.release();
        }
    }

    /** An answer and the model that gave it. */
    public record Served(Answer answer, String modelVersion) {
    }

    private final ModelHolder holder;
    private final int size;
    private final ExecutorService pool;
    private final ThreadLocal<Owned> owned = new ThreadLocal<>();

    public InferenceWorkers(ModelHolder holder, InferenceConfig config) {
        if (config.workers() < 1) {
            throw new IllegalArgumentException("rex.inference.workers must be at least 1, was " + config.workers());
        }
        this.holder = holder;
        this.size = config.workers();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "rex-inference-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Answers with the current model; empty when no model is loaded. */
    public Optional<Served> answer(Question question) {
        Optional<ServingModel> lease = holder.acquire();
        if (lease.isEmpty()) return Optional.empty();
        ServingModel model = lease.get();
        try {
            Future<Served> f = pool.submit(() -> new Served(answererFor(model).answer(question),
                    model.event().version()));
            return Optional.of(f.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException("inference failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an inference worker", e);
        } finally {
            model.release();
        }
    }

    /** The calling worker's answerer for {@code model}, made on first use and after a swap. */
    private QuestionAnswerer answererFor(ServingModel model) {
        Owned mine = owned.get();
        if (mine != null && mine.model() == model) return mine.answerer();
        if (mine != null) mine.close();
        owned.remove();
        model.retain(); // the request's reference keeps it open until this one is taken
        try {
            mine = new Owned(model, model.newAnswerer());
        } catch (RuntimeException e) {
            model.release();
            throw e;
        }
        owned.set(mine);
        return mine.answerer();
    }

    /**
     * After a swap, every worker drops its answerer of an older model, so an idle worker does not keep the old
     * weights alive. Each task waits until all {@code size} tasks have started, so each thread runs exactly one.
     */
    void onModelChanged(@Observes ModelChanged event) {
        CountDownLatch started = new CountDownLatch(size);
        for (int i = 0; i < size; i++) {
            pool.execute(() -> {
                started.countDown();
                try {
                    started.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                dropIfStale();
            });
        }
    }

    private void dropIfStale() {
        Owned mine = owned.get();
        if (mine != null && holder.current().map(c -> c != mine.model()).orElse(true)) {
            mine.close();
            owned.remove();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        pool.shutdownNow();
    }
}
