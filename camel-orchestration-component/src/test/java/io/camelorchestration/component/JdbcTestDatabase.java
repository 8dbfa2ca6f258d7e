package io.camelorchestration.component;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for the tests, on a fixed port and data directory so it can be stopped and started again
 * mid-test, the way an outage looks to the instances using it. The DataSource outlives the server: while it is
 * down, every connection attempt is refused, as in production.
 */
public final class JdbcTestDatabase implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private final int port;
    private final Path dataDir;
    private EmbeddedPostgres pg;

    private JdbcTestDatabase(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * One database for a test class: {@code @RegisterExtension static final JdbcTestDatabase db = perClass();}
     * starts it before the class's tests and removes it after them.
     */
    public static JdbcTestDatabase perClass() {
        try {
            return new JdbcTestDatabase(freePort(), Files.createTempDirectory("orchestrate-pg"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a data directory for the test database", e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        startServer();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    public synchronized void startServer() throws IOException {
        pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300")
                .start();
    }

    public synchronized void stopServer() throws IOException {
        if (pg != null) {
            pg.close();
            pg = null;
        }
    }

    public int port() {
        return port;
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] { "localhost" });
        ds.setPortNumbers(new int[] { port });
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        ds.setSocketTimeout(10);
        return ds;
    }

    /**
     * The same database behind a small connection pool, as applications run it: connections are kept and reused
     * instead of opened per statement. A connection that failed is dropped, not returned.
     */
    public DataSource pooledDataSource() {
        DataSource direct = dataSource();
        Queue<Connection> idle = new ConcurrentLinkedQueue<>();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return invoke(method, direct, args);
                    }
                    Connection real = idle.poll();
                    if (real == null) {
                        real = direct.getConnection();
                    }
                    Connection c = real;
                    boolean[] broken = { false };
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] { Connection.class },
                            (p2, m2, a2) -> {
                                if (m2.getName().equals("close")) {
                                    if (broken[0] || c.isClosed()) {
                                        c.close();
                                    } else {
                                        c.setAutoCommit(true);
                                        idle.offer(c);
                                    }
                                    return null;
                                }
                                try {
                                    return invoke(m2, c, a2);
                                } catch (SQLException e) {
                                    broken[0] = true;
                                    throw e;
                                }
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A DataSource whose server never answers: nothing listens on its port. */
    public static DataSource unreachable() throws IOException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] { "localhost" });
        ds.setPortNumbers(new int[] { freePort() });
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(1);
        return ds;
    }

    public long queryLong(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        stopServer();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
