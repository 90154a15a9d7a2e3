package dev.rex.inference.messaging;

import dev.rex.events.RexHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * A rejected record as it goes to {@code <topic>.dlq}: its key, value and headers as they were written, plus the
 * reason and origin under the header names SmallRye's dead-letter strategy uses ({@link RexHeaders}), so every
 * dead letter of the system reads alike.
 */
final class DeadLetters {
    private DeadLetters() {
    }

    static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> rec, String reason, String exceptionClass) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(rec.topic() + ".dlq", rec.key(), rec.value());
        for (Header h : rec.headers()) {
            dead.headers().add(h);
        }
        header(dead, RexHeaders.DEAD_LETTER_REASON, reason);
        header(dead, RexHeaders.DEAD_LETTER_EXCEPTION, exceptionClass);
        header(dead, RexHeaders.DEAD_LETTER_TOPIC, rec.topic());
        header(dead, RexHeaders.DEAD_LETTER_PARTITION, Integer.toString(rec.partition()));
        header(dead, RexHeaders.DEAD_LETTER_OFFSET, Long.toString(rec.offset()));
        return dead;
    }

    private static void header(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().remove(name);
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
