package io.camelorchestration.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A small local durable journal: opaque JSON entries keyed by an id, kept in a file until acknowledged.
 *
 * <p>It holds what must not be lost while a remote store (the budget ledger, the audit table) is unreachable or
 * before it has confirmed a write. It is a file-backed {@link MVMap} of H2's MVStore, so the file format, its
 * crash recovery (the last committed version is what a reopen sees) and its file lock (one process per file) are
 * the library's, not ours.
 *
 * <p>Every {@link #append} and {@link #ack} is committed to the file before it returns, so a {@code kill -9}
 * right after loses nothing that was appended (a power cut can still lose what the OS had not flushed). Appending
 * the same id twice keeps one entry (the later one): a caller retrying after a doubt never duplicates.
 *
 * <p>The journal is bounded ({@code maxBytes} of entry payload, {@code maxEntries}). When an append would pass
 * the bound it is refused at once (returns {@code false}, never blocks) and the {@link Listener} hears about it
 * once per transition, so the caller can turn it into a health DOWN, a meter and an audit event. It hears again
 * when entries are acknowledged and there is room.
 *
 * <p>Thread-safe. No Camel dependency.
 */
public final class Journal implements AutoCloseable {

    /** Told when the journal becomes full and when it has room again; called on the appending/acking thread. */
    public interface Listener {
        void full(Journal journal, String refusedId);

        default void accepting(Journal journal) {
        }
    }

    /** One pending entry. */
    public record Entry(String id, JsonNode json) {
        public <T> T as(Class<T> type) {
            try {
                return MAPPER.treeToValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("journal entry " + id + " is not a " + type.getSimpleName(), e);
            }
        }
    }

    public static final String FILE_SUFFIX = ".journal.mv.db";
    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Listener SILENT = (journal, id) -> { };

    private final Path file;
    private final long maxBytes;
    private final int maxEntries;
    private final Listener listener;
    private final MVStore store;
    private final MVMap<String, byte[]> entries;
    private long bytes;
    private boolean full;

    private Journal(Path file, long maxBytes, int maxEntries, Listener listener) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.listener = listener == null ? SILENT : listener;
        // no background writer: we commit ourselves on every change, which is the durability we promise
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        // every commit writes a chunk; without these the chunks of acknowledged entries are kept for 45 s and the
        // file grows by the size of a chunk per append (measured: 20 kB), GBs within minutes under load. Freeing
        // them at once is safe against a killed process (the OS has every write, in order); a power cut was never
        // covered (no fsync per append)
        store.setRetentionTime(0);
        store.setVersionsToKeep(0);
        this.entries = store.openMap("entries");
        long sum = 0;
        for (byte[] value : entries.values()) {
            sum += value.length;
        }
        this.bytes = sum;
    }

    /**
     * Opens (or creates) the journal {@code name} in {@code directory}. What a previous process appended and did not
     * acknowledge is there again. Fails if another live process has the same file open.
     *
     * @param maxBytes   bound on the summed size of the entries' JSON, &gt; 0
     * @param maxEntries bound on the number of entries, &gt; 0
     */
    public static Journal open(Path directory, String name, long maxBytes, int maxEntries, Listener listener) {
        Objects.requireNonNull(directory, "directory");
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("journal name must be letters, digits, '.', '_' or '-': " + name);
        }
        if (maxBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("journal bounds must be > 0: maxBytes=" + maxBytes
                    + ", maxEntries=" + maxEntries);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create journal directory " + directory, e);
        }
        return new Journal(directory.resolve(name + FILE_SUFFIX), maxBytes, maxEntries, listener);
    }

    /** Journals one directory holds under one name for processes on one host (see {@link #openFree}). */
    public static final int MAX_SLOTS = 16;

    /**
     * Opens {@code name-1} in the directory, or {@code name-2}, ... when another live process (or another user in this
     * JVM) holds it: a restarted instance takes the first free one, which is its dead predecessor's when it was alone,
     * and finds what that one left.
     */
    public static Journal openFree(Path directory, String name, long maxBytes, int maxEntries, Listener listener) {
        RuntimeException last = null;
        for (int slot = 1; slot <= MAX_SLOTS; slot++) {
            try {
                return open(directory, name + "-" + slot, maxBytes, maxEntries, listener);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw e;
            } catch (RuntimeException e) {
                // the file is locked by another process or component: the next slot
                last = e;
            }
        }
        throw new IllegalStateException("no free journal '" + name + "' in " + directory + " (" + MAX_SLOTS
                + " are held by other processes)", last);
    }

    /** Appends (or replaces) the entry; {@code false} when the journal is full (nothing was stored). */
    public boolean append(String id, Object value) {
        Objects.requireNonNull(id, "id");
        byte[] json;
        try {
            json = value instanceof byte[] raw ? MAPPER.readTree(raw).toString().getBytes(StandardCharsets.UTF_8)
                    : MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("journal entry " + id + " is not JSON-serialisable", e);
        }
        boolean refused;
        synchronized (this) {
            byte[] previous = entries.get(id);
            long after = bytes + json.length - (previous == null ? 0 : previous.length);
            int count = entries.size() + (previous == null ? 1 : 0);
            refused = after > maxBytes || count > maxEntries;
            if (!refused) {
                entries.put(id, json);
                store.commit();
                bytes = after;
                return true;
            }
            if (full) {
                return false;
            }
            full = true;
        }
        listener.full(this, id);
        return false;
    }

    /** Removes the entry once its content is safely elsewhere; unknown ids are ignored. */
    public void ack(String id) {
        boolean room;
        synchronized (this) {
            byte[] previous = entries.remove(id);
            if (previous == null) {
                return;
            }
            store.commit();
            bytes -= previous.length;
            room = full;
            full = false;
        }
        if (room) {
            listener.accepting(this);
        }
    }

    /** Removes several entries in one commit (one write to the file instead of one per id). */
    public void ack(Collection<String> ids) {
        boolean room;
        synchronized (this) {
            long freed = 0;
            for (String id : ids) {
                byte[] previous = entries.remove(id);
                if (previous != null) {
                    freed += previous.length;
                }
            }
            if (freed == 0) {
                return;
            }
            store.commit();
            bytes -= freed;
            room = full;
            full = false;
        }
        if (room) {
            listener.accepting(this);
        }
    }

    public Optional<Entry> get(String id) {
        byte[] json = entries.get(id);
        return json == null ? Optional.empty() : Optional.of(entry(id, json));
    }

    /** Up to {@code max} pending entries in id order, still in the journal until {@link #ack}ed. */
    public List<Entry> peek(int max) {
        return peek(max, id -> true);
    }

    /**
     * Up to {@code max} pending entries in id order whose id {@code include} accepts, still in the journal. Each
     * entry's content is read after {@code include} accepted its id, as it is then: an entry replaced or removed
     * before the answer (a step journalled ahead that settled or cancelled, then told {@code include} it is done)
     * comes back replaced, or not at all. The map's iterator reads a snapshot taken when it was made, so its values
     * are not used.
     */
    public List<Entry> peek(int max, java.util.function.Predicate<String> include) {
        List<Entry> out = new ArrayList<>(Math.min(max, 256));
        Iterator<String> it = entries.keySet().iterator();
        while (out.size() < max && it.hasNext()) {
            String id = it.next();
            if (include.test(id)) {
                byte[] json = entries.get(id);
                if (json != null) {
                    out.add(entry(id, json));
                }
            }
        }
        return out;
    }

    public int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Whether the last append was refused for the bound and nothing was acknowledged since. */
    public synchronized boolean isFull() {
        return full;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!store.isClosed()) {
                store.close();
            }
        }
    }

    private static Entry entry(String id, byte[] json) {
        try {
            return new Entry(id, MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("journal entry " + id + " is unreadable", e);
        }
    }

    @Override
    public String toString() {
        return "Journal[" + file + ", " + size() + " entries, " + bytes() + "/" + maxBytes + " bytes]";
    }
}
