package dev.rex.service;

import dev.rex.events.EventFormatException;
import dev.rex.events.RexHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterTest {

    private static String header(ProducerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aRecordWithinTheLimitIsKeptWholeWithItsOriginAndReason() {
        byte[] value = "{broken".getBytes(StandardCharsets.UTF_8);
        RecordHeaders original = new RecordHeaders();
        original.add("rex-correlation-id", "c1".getBytes(StandardCharsets.UTF_8));
        original.add(RexHeaders.DEAD_LETTER_REASON, "an older reason".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> letter = DeadLetter.of("rex.questions.dlq", "rex.questions", 2, 41, "q1",
                value, original, new EventFormatException("rex.questions", "malformed JSON"), 100, 10);
        assertEquals("rex.questions.dlq", letter.topic());
        assertEquals("q1", letter.key());
        assertArrayEquals(value, letter.value());
        assertEquals("rex.questions: malformed JSON", header(letter, RexHeaders.DEAD_LETTER_REASON));
        assertEquals("PERMANENT", header(letter, RexHeaders.DEAD_LETTER_KIND));
        assertEquals("rex.questions", header(letter, RexHeaders.DEAD_LETTER_TOPIC));
        assertEquals("2", header(letter, RexHeaders.DEAD_LETTER_PARTITION));
        assertEquals("41", header(letter, RexHeaders.DEAD_LETTER_OFFSET));
        assertEquals("c1", header(letter, "rex-correlation-id"));
        assertNull(header(letter, RexHeaders.DEAD_LETTER_TRUNCATED));
        assertEquals(1, letter.headers().toArray().length - 6, "one reason header, the old one dropped");
    }

    @Test
    void anOverSizeRecordKeepsItsBeginningAndSize() {
        byte[] value = new byte[2_000_000];
        ProducerRecord<String, byte[]> letter = DeadLetter.of("t.dlq", "t", 0, 7, "k", value, null,
                new EventFormatException("t", DeadLetter.oversizeReason(value.length, 1_000_000)), 1_000_000, 16384);
        assertEquals(16384, letter.value().length);
        assertEquals("2000000", header(letter, RexHeaders.DEAD_LETTER_ORIGINAL_SIZE));
        assertEquals("true", header(letter, RexHeaders.DEAD_LETTER_TRUNCATED));
        assertTrue(header(letter, RexHeaders.DEAD_LETTER_REASON).startsWith("t: record of 2000000 bytes is larger"));
    }

    @Test
    void aHugeReasonIsCutAndAForeignOneNamesTheTopic() {
        ProducerRecord<String, byte[]> letter = DeadLetter.of("t.dlq", "t", 0, 0, null, null, null,
                new IllegalStateException("x".repeat(10_000)), 10, 10);
        String reason = header(letter, RexHeaders.DEAD_LETTER_REASON);
        assertTrue(reason.startsWith("t: xxx") && reason.length() < 2100, reason.length() + " chars");
        assertNull(letter.value());
    }

    @Test
    void utf8LengthCountsBytes() {
        assertEquals(3, DeadLetter.utf8Length("abc"));
        assertEquals(2, DeadLetter.utf8Length("é"));
        assertEquals(3, DeadLetter.utf8Length("€"));
        assertEquals(4, DeadLetter.utf8Length("😀"));
        assertEquals("a€😀".getBytes(StandardCharsets.UTF_8).length, DeadLetter.utf8Length("a€😀"));
    }
}
