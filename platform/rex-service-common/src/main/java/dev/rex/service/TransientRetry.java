package dev.rex.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a record's work again while it fails {@link FailureKind#TRANSIENT transiently} (database or broker
 * unavailable), in place on the consuming thread — so no later record of the partition overtakes it and its offset
 * is not committed meanwhile — with exponential back-off from {@code rex.messaging.retry-initial-delay} up to
 * {@code retry-max-delay} (with jitter). A permanent failure is thrown at once; so is the last transient one after
 * {@code retry-give-up-after} (wrapped in {@link GaveUpException}) and any failure once the service is stopping.
 * <p>
 * The work must be idempotent (upserts by key, publishing the same output again): it may have half-happened.
 * Batch consumers use it around a whole batch: {@code retry.call("rex.programs batch of 100", () -> ...)}.
 */
@ApplicationScoped
public class TransientRetry {
    private static final Logger LOG = Logger.getLogger(TransientRetry.class);
    /** A retrying record says so at its first failure and then at most this often. */
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(15).toNanos();

    /** The last transient failure of a record that was retried for too long. */
    public static final class GaveUpException extends RuntimeException {
        GaveUpException(String what, int attempts, Duration spent, Throwable last) {
            super("gave up on " + what + " after " + attempts + " attempts in " + spent.toSeconds()
                    + " s of transient failures (rex.messaging.retry-give-up-after): " + last.getMessage(), last);
        }
    }

    private final MessagingConfig config;
    private final MeterRegistry registry;
    private volatile boolean stopping;

    public TransientRetry(MessagingConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    public <T> T call(String what, Supplier<T> work) {
        long start = System.nanoTime();
        long lastLog = 0;
        long delay = config.retryInitialDelay().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                T result = work.get();
                if (attempt > 1) {
                    LOG.infof("%s succeeded at attempt %d after %.1f s of transient failures", what, attempt,
                            (System.nanoTime() - start) / 1e9);
                }
                return result;
            } catch (RuntimeException e) {
                if (FailureKind.of(e) != FailureKind.TRANSIENT || stopping) {
                    throw e;
                }
                Duration spent = Duration.ofNanos(System.nanoTime() - start);
                if (spent.compareTo(config.retryGiveUpAfter()) >= 0) {
                    throw new GaveUpException(what, attempt, spent, e);
                }
                registry.counter("rex.retries", "what", what.split(" ", 2)[0]).increment();
                if (attempt == 1 || System.nanoTime() - lastLog > LOG_EVERY_NANOS) {
                    LOG.warnf("%s failed transiently (attempt %d, retrying for up to %s): %s", what, attempt,
                            config.retryGiveUpAfter(), e.getMessage());
                    lastLog = System.nanoTime();
                }
                pause(delay + ThreadLocalRandom.current().nextLong(delay / 4 + 1), e);
                delay = Math.min(delay * 2, config.retryMaxDelay().toMillis());
            }
        }
    }

    /** Sleeps in short steps so that a stop is noticed; a stop or an interrupt ends the retries with the failure. */
    private void pause(long millis, RuntimeException failure) {
        long end = System.currentTimeMillis() + millis;
        try {
            for (long left = millis; left > 0 && !stopping; left = end - System.currentTimeMillis()) {
                Thread.sleep(Math.min(left, 250));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(e);
            throw failure;
        }
        if (stopping) {
            throw failure;
        }
    }
}
