package dev.rex.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Tunables every service's messaging shares ({@code rex.messaging.*}): publishing, retrying transient failures
 * ({@link TransientRetry}) and the size limits of records and dead letters ({@link RexDeadLetterQueue}).
 * <p>
 * The limits fit together: a consumer accepts records up to {@link #maxRecordBytes()} (its channel's
 * {@code max.partition.fetch.bytes} is set to the same figure); a bigger one (a compressed batch the broker took) is
 * dead-lettered with its size and its first {@link #deadLetterPayloadBytes()} bytes; every other dead letter
 * carries the record whole, so the dead-letter producer's {@code max.request.size} is {@link #maxRecordBytes()} plus
 * {@link #DEAD_LETTER_HEADROOM_BYTES} for the reason headers.
 */
@ConfigMapping(prefix = "rex.messaging")
public interface MessagingConfig {
    /** Room for the dead-letter headers (reason, cause, origin) above a record's own size. */
    int DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;

    /**
     * How long a consumer waits for the broker to acknowledge its output before it counts the publish as failed
     * (and retries it). Longer than the producers' {@code max.block.ms + delivery.timeout.ms}, so that the producer
     * has given up on a record before it is sent again: no duplicate from a late first attempt.
     */
    @WithDefault("45s")
    Duration publishTimeout();

    /** The largest record value (UTF-8 bytes) a consumer handles; a larger one is dead-lettered, truncated. */
    @WithDefault("1000000")
    int maxRecordBytes();

    /** How many bytes of an over-size record its dead letter keeps. */
    @WithDefault("16384")
    int deadLetterPayloadBytes();

    /** First pause before retrying a transient failure (database or broker unavailable); doubles up to the max. */
    @WithDefault("200ms")
    Duration retryInitialDelay();

    @WithDefault("5s")
    Duration retryMaxDelay();

    /**
     * After this long of transient failures on one record, it is dead-lettered (reason: the last failure, kind
     * TRANSIENT) so the channel goes on; {@code rex dlq replay} re-publishes it. Keep it below the channels'
     * {@code throttled.unprocessed-record-max-age.ms}, past which SmallRye stops a channel.
     */
    @WithDefault("10m")
    Duration retryGiveUpAfter();
}
