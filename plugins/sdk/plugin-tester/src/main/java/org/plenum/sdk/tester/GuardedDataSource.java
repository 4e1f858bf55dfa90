package org.plenum.sdk.tester;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The plugin's DataSource in the tester: refuses connections on the room's thread; without a database, explains. */
final class GuardedDataSource implements DataSource {

    private final DataSource delegate;
    private final Runnable guard;

    GuardedDataSource(DataSource delegate, Runnable guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public Connection getConnection() throws SQLException {
        guard.run();
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        guard.run();
        return target().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        if (delegate == null) {
            throw new SQLFeatureNotSupportedException("the PluginTester has no database");
        }
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || (delegate != null && delegate.isWrapperFor(iface));
    }

    private DataSource target() throws SQLException {
        if (delegate == null) {
            throw new SQLException("the PluginTester has no database: give it one with PluginTester.Builder.dataSource(...), "
                    + "for example an embedded PostgreSQL with the plugin's migrations applied");
        }
        return delegate;
    }
}
