package io.camelorchestration.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Which SQL a JDBC store speaks: PostgreSQL gets single-statement upserts and JSONB, every other database the
 * portable forms. Asked of the first connection and remembered, because the data source does not change under a
 * running store and the metadata call is a round trip on some drivers.
 */
public final class SqlDialect {

    private volatile Boolean postgres;

    public boolean isPostgres(Connection c) throws SQLException {
        Boolean pg = postgres;
        if (pg == null) {
            pg = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            postgres = pg;
        }
        return pg;
    }
}
