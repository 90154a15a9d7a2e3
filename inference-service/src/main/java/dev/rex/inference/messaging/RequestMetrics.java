package dev.rex.inference.messaging;

import dev.rex.events.EventTypes;
import dev.rex.events.PredictionEvent;
import dev.rex.service.EventIntake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the request workers count on {@code /q/metrics}: the intake outcomes ({@code rex_events_total}, shared with
 * every consumer), end-to-end latency from {@code requestedAt} to the committed answer
 * ({@code rex_inference_latency_seconds}), committed batches and redeliveries answered from their stored row.
 * The forward-pass timer and the batch-size histogram are {@link dev.rex.inference.answering.BatchAnswering}'s.
 */
@Singleton
public class RequestMetrics {
    private final EventIntake intake;
    private final Timer latency;
    private final Counter batches;
    private final Counter redelivered;

    public RequestMetrics(EventIntake intake, MeterRegistry registry) {
        this.intake = intake;
        this.latency = Timer.builder("rex.inference.latency")
                .description("from requestedAt to the committed prediction").publishPercentileHistogram()
                .register(registry);
        this.batches = Counter.builder("rex.inference.transactions")
                .description("committed Kafka transactions (one per polled batch)").register(registry);
        this.redelivered = Counter.builder("rex.inference.redelivered")
                .description("requests answered again from their stored prediction (no forward pass)")
                .register(registry);
    }

    EventIntake intake() {
        return intake;
    }

    void redelivered() {
        redelivered.increment();
    }

    void committed(int records, List<PredictionEvent> published) {
        batches.increment();
        Instant now = Instant.now();
        for (PredictionEvent p : published) {
            intake.processed(EventTypes.INFERENCE_REQUEST);
            if (p.requestedAt() != null) {
                Duration d = Duration.between(Instant.parse(p.requestedAt()), now);
                if (!d.isNegative()) latency.record(d);
            }
        }
    }
}
