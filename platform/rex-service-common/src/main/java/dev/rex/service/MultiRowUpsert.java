package dev.rex.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A batch consumer's rows written as multi-row {@code INSERT … VALUES (…), (…) ON CONFLICT …} statements: one round
 * trip per statement instead of one per row. Statements come in a few fixed sizes ({@link #SIZES}), a batch being
 * cut into the largest that fit: every statement text is then one the JDBC driver has parsed before and PostgreSQL
 * runs as a prepared statement with a cached plan, instead of a new text (parsed and planned anew by both) for every
 * batch size the broker happens to deliver.
 *
 * @param <R> the row type; {@code values} gives a row's parameters in the order of {@code rowPlaceholders}
 */
public final class MultiRowUpsert<R> {
    /** Rows per statement, largest first; the last is 1, so any count is covered. */
    static final int[] SIZES = {256, 64, 16, 4, 1};

    private final String head;
    private final String rowPlaceholders;
    private final String tail;
    private final int parametersPerRow;
    private final Function<R, Object[]> values;
    private final ConcurrentHashMap<Integer, String> statements = new ConcurrentHashMap<>();

    /**
     * @param head            {@code INSERT INTO t (a, b) VALUES }
     * @param rowPlaceholders one row's placeholders, e.g. {@code (?, ?::json)}
     * @param tail            {@code ON CONFLICT (a) DO UPDATE SET …}
     */
    public MultiRowUpsert(String head, String rowPlaceholders, String tail, Function<R, Object[]> values) {
        this.head = head;
        this.rowPlaceholders = rowPlaceholders;
        this.tail = tail;
        this.parametersPerRow = (int) rowPlaceholders.chars().filter(ch -> ch == '?').count();
        this.values = values;
        if (parametersPerRow * SIZES[0] > 65_535) {
            throw new IllegalArgumentException("PostgreSQL takes at most 65,535 parameters per statement");
        }
    }

    /** Writes {@code rows} on {@code c} (in the caller's transaction); each conflict key at most once in them. */
    public void run(Connection c, List<R> rows) throws SQLException {
        int from = 0;
        for (int size : SIZES) {
            while (rows.size() - from >= size) {
                write(c, rows.subList(from, from + size));
                from += size;
            }
        }
    }

    private void write(Connection c, List<R> part) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(statements.computeIfAbsent(part.size(), this::sql))) {
            int k = 0;
            for (R row : part) {
                Object[] v = values.apply(row);
                if (v.length != parametersPerRow) {
                    throw new IllegalArgumentException("a row gives " + v.length + " values for " + parametersPerRow
                            + " placeholders");
                }
                for (Object o : v) st.setObject(++k, o);
            }
            st.executeUpdate();
        }
    }

    private String sql(int rows) {
        StringBuilder sql = new StringBuilder(head.length() + tail.length() + rows * (rowPlaceholders.length() + 2));
        sql.append(head);
        for (int i = 0; i < rows; i++) sql.append(i == 0 ? "" : ", ").append(rowPlaceholders);
        return sql.append(tail).toString();
    }
}
