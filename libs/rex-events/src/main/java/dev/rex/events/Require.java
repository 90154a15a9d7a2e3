package dev.rex.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field checks for the records' compact constructors: an event that violates its contract cannot be built,
 * and {@link EventCodec} reports the message (which names the field) as the rejection reason.
 */
final class Require {
    private Require() {
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        return value;
    }

    static void envelope(String id, String correlationId, int schemaVersion) {
        text(id, "id");
        text(correlationId, "correlationId");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
        }
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    static <K, V> Map<K, V> map(Map<K, V> value) {
        // insertion order matters for tables (metric order, loss order): keep it, but make the copy unmodifiable
        return value == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }

    static double probability(double value, String field) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be within [0, 1], was " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static void sizeAtMost(Collection<?> values, int max, String field) {
        if (values.size() > max) {
            throw new IllegalArgumentException(field + " has " + values.size() + " entries, at most " + max + " allowed");
        }
    }
}
