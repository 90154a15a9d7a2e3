package dev.rex.evaluation;

import dev.rex.events.EventCodec;
import dev.rex.events.EventTypes;
import dev.rex.events.RexEvent;
import dev.rex.testing.KafkaTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the service's stream tests share: a client of the test broker for each test, events sent on their own topic
 * under their own key, and waiting for what the service stores (the consumers work asynchronously).
 */
public abstract class EventStreamTest {
    protected static final Duration WAIT = Duration.ofSeconds(90);

    protected KafkaTestClient kafka;

    @BeforeEach
    protected void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterEach
    protected void disconnect() {
        kafka.close();
    }

    protected void send(RexEvent event) {
        kafka.send(EventTypes.forClass(event.getClass()).topic(), event.key(), EventCodec.encode(event));
    }

    /** The probe's value once it has one; fails after {@link #WAIT} naming {@code what}. */
    protected static <T> T eventually(Supplier<Optional<T>> probe, String what) {
        return dev.rex.testing.Eventually.within(WAIT, probe, what);
    }

    protected static void eventually(BooleanSupplier condition, String what) {
        eventually(() -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(), what);
    }
}
