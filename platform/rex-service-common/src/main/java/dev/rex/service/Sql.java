package dev.rex.service;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little JDBC the services need (upserts and look-ups by key). Plain JDBC over the Agroal pool keeps start-up
 * fast and the SQL visible; every statement runs in auto-commit, so a successful call is durable when it returns.
 */
public final class Sql {
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection c) throws SQLException;
    }

    private Sql() {
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns (durable then), rolled back when it throws.
     * A batch consumer writes a whole batch so, in one round trip per statement instead of one commit per record.
     */
    public static <R> R inTransaction(DataSource ds, Work<R> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                R r = work.run(c);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database transaction failed (" + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    public static int update(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database update failed (" + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    public static <T> List<T> query(DataSource ds, String sql, Row<T> row, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("database query failed (" + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    public static <T> Optional<T> one(DataSource ds, String sql, Row<T> row, Object... args) {
        List<T> rows = query(ds, sql, row, args);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size() + " for: " + sql);
        }
        return rows.stream().findFirst();
    }

    public static long count(DataSource ds, String sql, Object... args) {
        return one(ds, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
