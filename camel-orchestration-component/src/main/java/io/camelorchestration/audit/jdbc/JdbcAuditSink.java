package io.camelorchestration.audit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.audit.AuditSink;
import io.camelorchestration.internal.BatchingWriter;
import io.camelorchestration.internal.Journal;
import io.camelorchestration.internal.Json;
import io.camelorchestration.internal.RateLimitedLog;
import io.camelorchestration.internal.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to the table {@code audit_trail}, at least once.
 * <p>
 * {@link #publish} only puts the event in a bounded buffer and returns; one writer thread takes events out in
 * batches and inserts each batch in one transaction. While the database is down the batch is retried with a growing
 * pause (up to {@code maxBackoff}) and new events wait in the buffer; nothing is taken out of it before its
 * transaction commits. Each event carries its own id, and on PostgreSQL the insert skips ids already there, so a
 * batch retried after a commit whose answer was lost is not written twice. When the buffer is full {@code publish}
 * throws, which the caller counts as a dropped event. On {@link #close} the writer has {@code closeTimeout} to
 * drain the buffer.
 * <p>
 * With a journal ({@link #spoolTo}) {@code publish} first appends the event to it (a local file, committed before
 * it returns) and the writer takes it out only after its transaction committed: a crash loses nothing, and the
 * next process with the journal writes what is left, the table skipping ids it already has.
 */
public final class JdbcAuditSink implements AuditSink, AutoCloseable {

    public static final String TABLE = "audit_trail";
    public static final int DEFAULT_CAPACITY = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditSink.class);
    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final String PG_DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (id UUID PRIMARY KEY,"
            + " created_at TIMESTAMP WITH TIME ZONE NOT NULL, action VARCHAR(64) NOT NULL, entity_type VARCHAR(64),"
            + " entity_id VARCHAR(256), execution_id VARCHAR(128), route_id VARCHAR(256), user_id VARCHAR(256),"
            + " severity VARCHAR(16), details JSONB)";
    private static final String GENERIC_DDL = PG_DDL.replace("id UUID", "id VARCHAR(36)").replace("JSONB", "CLOB");
    private static final String INDEX = "CREATE INDEX IF NOT EXISTS " + TABLE + "_execution ON " + TABLE + " (execution_id)";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (id, created_at, action, entity_type, entity_id, execution_id, route_id, user_id, severity, details)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, %s)";
    private static final String PG_INSERT = String.format(INSERT, "CAST(? AS JSONB)") + " ON CONFLICT (id) DO NOTHING";
    private static final String GENERIC_INSERT = String.format(INSERT, "?");

    private final DataSource dataSource;
    private final int capacity;
    private final int batchSize;
    private final Duration closeTimeout;
    /** Only its thread talks to the database: an exchange never waits for it, nor is it held up by an outage. */
    private final BatchingWriter<Row> writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final RateLimitedLog warnings = RateLimitedLog.everyMinute(LOG);
    private volatile boolean running;
    private volatile boolean closed;
    private volatile boolean connected;
    /** Where events wait on disk until their transaction committed; null: memory only. */
    private volatile Journal spool;
    /** Spool ids of this process start with it; smaller ones were left by a process that died. */
    private final String bootPrefix = String.format("%013x-", System.currentTimeMillis());
    private final AtomicLong spoolSeq = new AtomicLong();
    private final AtomicLong notSpooled = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final SqlDialect dialect = new SqlDialect();
    private boolean schemaReady;

    public JdbcAuditSink(DataSource dataSource) {
        this(dataSource, DEFAULT_CAPACITY, 500, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /**
     * @param capacity     events buffered while the database is slow or down; beyond it {@link #publish} throws
     * @param batchSize    events per insert transaction
     * @param maxBackoff   longest pause between two attempts while the database is down
     * @param closeTimeout how long {@link #close} waits for the buffer to drain
     */
    public JdbcAuditSink(DataSource dataSource, int capacity, int batchSize, Duration maxBackoff, Duration closeTimeout) {
        if (capacity <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("capacity and batchSize must be positive");
        }
        this.dataSource = dataSource;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.closeTimeout = closeTimeout;
        this.writer = new BatchingWriter<Row>("orchestrate-audit-jdbc", capacity, batchSize, this::writeBatch)
                .backoff(Duration.ofMillis(50), maxBackoff)
                .boundQueuedOnly()
                .drainOnClose(closeTimeout)
                .onFailure(this::logAtMostOnceAMinute);
    }

    /**
     * Spools every event to the journal before {@link #publish} returns, and takes it out only once its transaction
     * has committed: a crash ({@code kill -9}) loses none, and the next process with the same journal writes what
     * the dead one left (events already in the table are skipped by id). Call before {@link #start}; the sink closes
     * the journal when it closes.
     */
    public synchronized JdbcAuditSink spoolTo(Journal journal) {
        if (running) {
            throw new IllegalStateException("spoolTo must be called before the sink starts");
        }
        this.spool = journal;
        return this;
    }

    public synchronized void start() {
        if (running || closed) {
            return;
        }
        running = true;
        if (spool != null && spool.size() > 0) {
            writer.backlog(this::takeRecovered);
        }
        writer.start();
    }

    @Override
    public void publish(AuditEvent event) {
        if (closed) {
            dropped.incrementAndGet();
            throw new IllegalStateException("JDBC audit sink closed: event dropped");
        }
        if (!running) {
            // a sink bound as a bean by the user starts with its first event
            start();
        }
        Row row = new Row(UUID.randomUUID(), event, null);
        Journal j = spool;
        if (j != null) {
            String spoolId = bootPrefix + String.format("%012x", spoolSeq.incrementAndGet());
            if (j.append(spoolId, row.toMap())) {
                row = new Row(row.id(), event, spoolId);
            } else {
                // the journal is full: still written while the process lives, not after a crash
                notSpooled.incrementAndGet();
            }
        }
        if (!writer.add(row)) {
            if (row.spoolId() != null) {
                j.ack(row.spoolId());
            }
            dropped.incrementAndGet();
            throw new IllegalStateException("JDBC audit buffer full (" + capacity + " events): event dropped");
        }
    }

    /** A dead predecessor's events first: a batch of what it left in the journal, or none when all is written. */
    private List<Row> takeRecovered() {
        List<Row> rows = new ArrayList<>();
        for (Journal.Entry e : spool.peek(batchSize)) {
            if (e.id().compareTo(bootPrefix) >= 0) {
                break; // this process's own: they are in the buffer too
            }
            rows.add(Row.of(e));
        }
        recovered.addAndGet(rows.size());
        return rows;
    }

    private void writeBatch(List<Row> rows) throws SQLException {
        written.addAndGet(write(rows));
        ack(rows);
        connected = true;
    }

    private void ack(List<Row> rows) {
        Journal j = spool;
        if (j == null) {
            return;
        }
        List<String> ids = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.spoolId() != null) {
                ids.add(r.spoolId());
            }
        }
        if (!ids.isEmpty()) {
            j.ack(ids);
        }
    }

    /** @return rows now in the table */
    private int write(List<Row> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean pg = isPostgres(c);
            if (!schemaReady) {
                createSchema(c, pg);
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(pg ? PG_INSERT : GENERIC_INSERT)) {
                for (Row r : rows) {
                    bind(ps, r, pg);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                return rows.size();
            } catch (SQLException e) {
                c.rollback();
                if (!isRowProblem(e)) {
                    throw e;
                }
                // a row the database refuses, or (without ON CONFLICT) a row already there from a retried batch:
                // row by row, so that one bad event cannot hold up the whole trail
                return writeOneByOne(c, rows, pg);
            }
        }
    }

    private int writeOneByOne(Connection c, List<Row> rows, boolean pg) throws SQLException {
        int n = 0;
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement(pg ? PG_INSERT : GENERIC_INSERT)) {
            for (Row r : rows) {
                bind(ps, r, pg);
                try {
                    ps.executeUpdate();
                    n++;
                } catch (SQLException e) {
                    if (isDuplicate(e)) {
                        n++;
                        continue;
                    }
                    if (!isRowProblem(e)) {
                        throw e;
                    }
                    dropped.incrementAndGet();
                    LOG.warn("Audit event {} {} refused by the database and dropped: SQLState {}", r.id(),
                            r.event().action(), e.getSQLState());
                }
            }
        }
        return n;
    }

    private void createSchema(Connection c, boolean pg) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(pg ? PG_DDL : GENERIC_DDL);
            s.execute(INDEX);
        }
        schemaReady = true;
    }

    private boolean isPostgres(Connection c) throws SQLException {
        return dialect.isPostgres(c);
    }

    private static boolean isDuplicate(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** Data exceptions (class 22) and integrity violations (class 23) are about a row, not about the database. */
    private static boolean isRowProblem(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static void bind(PreparedStatement ps, Row r, boolean pg) throws SQLException {
        AuditEvent e = r.event();
        if (pg) {
            ps.setObject(1, r.id());
        } else {
            ps.setString(1, r.id().toString());
        }
        ps.setObject(2, OffsetDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC));
        ps.setString(3, e.action().name());
        ps.setString(4, fit(e.entityType(), 64));
        ps.setString(5, fit(e.entityId(), 256));
        ps.setString(6, fit(e.executionId(), 128));
        ps.setString(7, fit(e.routeId(), 256));
        ps.setString(8, fit(e.userId(), 256));
        ps.setString(9, fit(e.severity(), 16));
        ps.setString(10, json(e));
    }

    /**
     * Values such as the user id come from headers: cut to the column and without NUL characters (which
     * PostgreSQL text and JSONB refuse), so that no event is refused for its content.
     */
    private static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.indexOf(0) >= 0 ? value.replace("\0", "") : value;
        return v.length() <= max ? v : v.substring(0, max);
    }

    private static String json(AuditEvent e) {
        Map<String, Object> details = new LinkedHashMap<>(e.details());
        details.replaceAll((k, v) -> v instanceof String s ? fit(s, 4096) : v);
        try {
            return MAPPER.writeValueAsString(details);
        } catch (JsonProcessingException ex) {
            return "{}";
        }
    }

    private void logAtMostOnceAMinute(Throwable e) {
        connected = false;
        warnings.warn("Audit trail database unreachable ({}); {} events buffered, retrying. Logged at most once a minute.",
                e.toString(), pending());
    }

    /** Stops taking new work and gives the writer {@code closeTimeout} to drain what is buffered. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (!running) {
                if (spool != null) {
                    spool.close();
                }
                return;
            }
            running = false;
        }
        if (!writer.close()) {
            LOG.warn("JDBC audit sink closed with {} events not written (database unreachable for {}){}", pending(), closeTimeout,
                    spool != null ? "; they stay in the journal and are written by the next start" : "");
        }
        Journal j = spool;
        if (j != null) {
            j.close();
        }
    }

    /** Events the journal could not take (full): written while the process lives, lost with it. */
    public long notSpooled() {
        return notSpooled.get();
    }

    /** Events a previous process left in the journal and this one took up. */
    public long recovered() {
        return recovered.get();
    }

    /** Events now in the table. */
    public long written() {
        return written.get();
    }

    /** Events waiting: buffered plus the batch being written. */
    public long pending() {
        return writer.waiting();
    }

    /** Events dropped: the buffer was full, the sink was closed, or the database refused the row itself. */
    public long dropped() {
        return dropped.get();
    }

    /** Failed write attempts. */
    public long retries() {
        return writer.failures();
    }

    /** False after a failed write, true after a successful one: for health checks. */
    public boolean connected() {
        return connected;
    }

    /** An event and its id in the table; {@code spoolId} its entry in the journal, null when not spooled. */
    private record Row(UUID id, AuditEvent event, String spoolId) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id.toString());
            m.put("timestamp", event.timestamp().toString());
            m.put("action", event.action().name());
            m.put("entityType", event.entityType());
            m.put("entityId", event.entityId());
            m.put("executionId", event.executionId());
            m.put("routeId", event.routeId());
            m.put("userId", event.userId());
            m.put("severity", event.severity());
            m.put("details", event.details());
            return m;
        }

        @SuppressWarnings("unchecked")
        static Row of(Journal.Entry e) {
            Map<String, Object> m = e.as(Map.class);
            Map<String, Object> details = m.get("details") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
            AuditEvent event = new AuditEvent(Instant.parse((String) m.get("timestamp")), AuditAction.valueOf((String) m.get("action")),
                    (String) m.get("entityType"), (String) m.get("entityId"), (String) m.get("executionId"),
                    (String) m.get("routeId"), (String) m.get("userId"), (String) m.get("severity"), details);
            return new Row(UUID.fromString((String) m.get("id")), event, e.id());
        }
    }
}
