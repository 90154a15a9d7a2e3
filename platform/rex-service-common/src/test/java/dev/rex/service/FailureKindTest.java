package dev.rex.service;

import dev.rex.events.EventFormatException;
import dev.rex.events.UnsupportedSchemaVersionException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which failures are retried and which dead-lettered: the classification every consumer shares. */
class FailureKindTest {

    private static IllegalStateException wrapped(Throwable cause) {
        return new IllegalStateException("database update failed: " + cause.getMessage(), cause);
    }

    @Test
    void unavailableDatabaseOrBrokerIsTransient() {
        List<Throwable> transients = List.of(
                wrapped(new SQLTransientConnectionException("pool exhausted")),
                wrapped(new SQLException("Connection to localhost:5432 refused", "08001")),
                wrapped(new SQLException("terminating connection due to administrator command", "57P01")),
                wrapped(new SQLException("the database system is starting up", "57P03")),
                wrapped(new SQLException("An I/O error occurred while sending to the backend.", "08006")),
                wrapped(new SQLException("Acquisition timeout while waiting for new connection")),
                wrapped(new SQLException("wrapper", (String) null, new ConnectException("Connection refused"))),
                new IllegalStateException("could not publish", new ExecutionException(new TimeoutException("expired"))),
                new IllegalStateException("no ack", new java.util.concurrent.TimeoutException()));
        for (Throwable t : transients) {
            assertEquals(FailureKind.TRANSIENT, FailureKind.of(t), t + " / " + t.getCause());
        }
    }

    @Test
    void recordsThatCanNeverSucceedArePermanent() {
        List<Throwable> permanents = List.of(
                new EventFormatException("rex.questions", "malformed JSON"),
                new UnsupportedSchemaVersionException("rex.questions", 99, java.util.Set.of(1)),
                wrapped(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")),
                wrapped(new SQLException("duplicate key", "23505")),
                new IllegalStateException("could not publish", new RecordTooLargeException("too large")),
                new NullPointerException("a bug"),
                new TransientRetry.GaveUpException("rex.questions q1", 40, java.time.Duration.ofMinutes(10),
                        wrapped(new SQLException("refused", "08001"))));
        for (Throwable t : permanents) {
            assertEquals(FailureKind.PERMANENT, FailureKind.of(t), t.toString());
        }
    }

    @Test
    void anInterruptIsAStopNotAFailureOfTheRecord() {
        assertEquals(FailureKind.SHUTDOWN, FailureKind.of(new IllegalStateException("interrupted",
                new InterruptedException())));
    }

    @Test
    void aCauseCycleEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertEquals(FailureKind.PERMANENT, FailureKind.of(a));
    }
}
