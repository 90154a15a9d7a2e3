package dev.rex.service;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Whether a failure while handling a record can go away by waiting: the one classification every consumer shares
 * (per-record in {@link EventConsumer}, per batch in batch consumers, and in the dead-letter handler).
 * <p>
 * {@link #TRANSIENT}: the database or the broker is unavailable or busy (connection refused or lost, a pool that
 * cannot hand out a connection, SQLSTATE classes 08/53/57P and serialization failures, Kafka's retriable errors,
 * an acknowledgement that did not arrive in time). The record is retried, in place, with back-off, and not
 * acknowledged meanwhile. {@link #PERMANENT}: anything else — a malformed record, an unsupported schema version, an
 * invalid field, a record over the size limit, a bug. Retrying cannot help: the record goes to {@code <topic>.dlq}
 * with its reason, and {@code rex dlq replay} re-publishes it after a fix. {@link #SHUTDOWN}: the service is stopping
 * (the handling thread was interrupted); the record is neither retried nor dead-lettered, so it is redelivered after
 * the restart.
 */
public enum FailureKind {
    TRANSIENT, PERMANENT, SHUTDOWN;

    /** SQLSTATE classes and codes of a server that is (re)starting, gone or overloaded. */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "58000", "58030");

    public static FailureKind of(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            FailureKind kind = own(t);
            if (kind != null) {
                return kind;
            }
        }
        return PERMANENT;
    }

    public static boolean isTransient(Throwable failure) {
        return of(failure) == TRANSIENT;
    }

    /** The kind this exception alone says, or null when only its cause can tell. */
    private static FailureKind own(Throwable t) {
        if (t instanceof InterruptedException) {
            return SHUTDOWN;
        }
        if (t instanceof TransientRetry.GaveUpException) {
            return PERMANENT; // retried long enough: dead-letter it, replay it later
        }
        if (t instanceof RecordTooLargeException) {
            return PERMANENT; // a Kafka ApiException that no retry can fix
        }
        if (t instanceof RetriableException // Kafka: TimeoutException, NetworkException, NotLeaderOrFollower...
                || t instanceof java.util.concurrent.TimeoutException
                || t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof SocketTimeoutException || t instanceof UnknownHostException
                || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
            return TRANSIENT;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (TRANSIENT_SQL_STATES.contains(state)
                    || state.length() >= 2 && TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2)))) {
                return TRANSIENT;
            }
            String message = String.valueOf(sql.getMessage());
            // Agroal's pool: no SQLSTATE when no connection could be had in time (the server being down)
            if (message.startsWith("Acquisition timeout") || message.contains("connection has been closed")
                    || message.contains("Connection is closed") || message.contains("I/O error")) {
                return TRANSIENT;
            }
            return null; // the driver's cause may still be an I/O failure
        }
        if (t instanceof SocketException || t instanceof EOFException) {
            return TRANSIENT;
        }
        return null;
    }
}
