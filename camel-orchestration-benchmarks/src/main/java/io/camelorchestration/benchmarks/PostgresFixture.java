package io.camelorchestration.benchmarks;

import java.io.IOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for the JDBC ledger figures, started by the benchmark itself, behind a connection pool as a
 * production DataSource would be.
 */
public final class PostgresFixture implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    public PostgresFixture(int poolSize) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        HikariConfig cfg = new HikariConfig();
        cfg.setDataSource(postgres.getPostgresDatabase());
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(poolSize);
        cfg.setPoolName("bench");
        pool = new HikariDataSource(cfg);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() throws IOException {
        pool.close();
        postgres.close();
    }
}
