package dev.rex.service;

import dev.rex.events.RexHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The dead letter of one record: its key, its value (whole, or its first bytes when the record is over the size
 * limit), its own headers, and the reason headers ({@link RexHeaders}: reason, exception, cause, kind, origin topic,
 * partition and offset; for a truncated one its original size). Built the same way by the channels' failure
 * handler ({@link RexDeadLetterQueue}) and by batch consumers that dead-letter one record of a batch.
 */
public final class DeadLetter {
    /** Reason and cause headers are cut to this many characters: a message may quote a huge field. */
    static final int MAX_REASON_CHARS = 2000;

    private DeadLetter() {
    }

    /**
     * @param maxRecordBytes a value larger than this is kept truncated to {@code keepBytes}
     */
    public static ProducerRecord<String, byte[]> of(String dlqTopic, String topic, int partition, long offset,
                                                    String key, byte[] value, Headers original, Throwable reason,
                                                    int maxRecordBytes, int keepBytes) {
        boolean truncate = value != null && value.length > maxRecordBytes;
        byte[] kept = truncate ? Arrays.copyOf(value, Math.min(keepBytes, value.length)) : value;
        Headers headers = new RecordHeaders();
        if (original != null) {
            for (Header h : original) {
                if (!h.key().startsWith("dead-letter-")) { // a replayed record that failed again: fresh reasons
                    headers.add(h);
                }
            }
        }
        String why = reasonOf(reason);
        add(headers, RexHeaders.DEAD_LETTER_REASON, cut(why.startsWith(topic + ": ") ? why : topic + ": " + why));
        add(headers, RexHeaders.DEAD_LETTER_EXCEPTION, reason.getClass().getName());
        if (reason.getCause() != null && reason.getCause() != reason) {
            add(headers, RexHeaders.DEAD_LETTER_CAUSE, cut(String.valueOf(reason.getCause().getMessage())));
        }
        add(headers, RexHeaders.DEAD_LETTER_KIND, kindOf(reason));
        add(headers, RexHeaders.DEAD_LETTER_TOPIC, topic);
        add(headers, RexHeaders.DEAD_LETTER_PARTITION, Integer.toString(partition));
        add(headers, RexHeaders.DEAD_LETTER_OFFSET, Long.toString(offset));
        if (truncate) {
            add(headers, RexHeaders.DEAD_LETTER_ORIGINAL_SIZE, Integer.toString(value.length));
            add(headers, RexHeaders.DEAD_LETTER_TRUNCATED, "true");
        }
        return new ProducerRecord<>(dlqTopic, null, key, kept, headers);
    }

    /** The reason of an over-size record, naming its size, the limit and the setting. */
    public static String oversizeReason(long bytes, int maxRecordBytes) {
        return "record of " + bytes + " bytes is larger than the limit of " + maxRecordBytes
                + " bytes (rex.messaging.max-record-bytes); its dead letter keeps only its beginning";
    }

    static String kindOf(Throwable reason) {
        return reason instanceof TransientRetry.GaveUpException || FailureKind.of(reason) == FailureKind.TRANSIENT
                ? FailureKind.TRANSIENT.name() : FailureKind.PERMANENT.name();
    }

    private static String reasonOf(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    static String cut(String s) {
        return s.length() <= MAX_REASON_CHARS ? s : s.substring(0, MAX_REASON_CHARS) + "… (" + s.length() + " chars)";
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 size of a text without encoding it. */
    public static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
