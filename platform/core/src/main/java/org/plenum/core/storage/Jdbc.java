package org.plenum.core.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Plain JDBC with the boilerplate taken out: parameters bound by position, rows mapped by a lambda,
 * SQL kept visible at the call site (no ORM).
 */
public final class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return list(c, sql, mapper, params);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, sql, params);
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    public <T> T inTransaction(TransactionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed("transaction", e);
        }
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            switch (p) {
                case Instant t -> ps.setTimestamp(i + 1, Timestamp.from(t));
                case Collection<?> coll -> {
                    Array a = c.createArrayOf("text", coll.stream().map(String::valueOf).toArray());
                    ps.setArray(i + 1, a);
                }
                case null -> ps.setObject(i + 1, null);
                default -> ps.setObject(i + 1, p);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static List<String> textArray(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        return List.of((String[]) a.getArray());
    }

    /** Unique-key violations become conflicts the caller can report; everything else is a storage fault. */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static RuntimeException failed(String sql, SQLException e) {
        if (isUniqueViolation(e)) {
            return new org.plenum.core.error.Problem(org.plenum.core.error.Problem.Kind.CONFLICT,
                    "an entry with the same unique value already exists");
        }
        return new StorageException("database statement failed (" + e.getSQLState() + "): " + e.getMessage(), e);
    }
}
