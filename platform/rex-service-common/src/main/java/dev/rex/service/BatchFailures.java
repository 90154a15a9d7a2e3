package dev.rex.service;

import org.apache.kafka.common.errors.RetriableException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures of a whole batch are worth retrying: the database or the broker unreachable, overloaded or slow.
 * Those are retried and never dead-lettered (the records are fine); anything else is a property of some record.
 */
final class BatchFailures {
    private BatchFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof RetriableException || t instanceof TimeoutException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException s && transientState(s.getSQLState())) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** Whether the failure is the consumer being stopped (not a property of the batch). */
    static boolean interrupted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** PostgreSQL classes: 08 connection, 40 serialization/deadlock, 53 resources, 57P operator intervention. */
    private static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57P"));
    }

    static String describe(Throwable failure) {
        String m = failure.getMessage();
        return failure.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
