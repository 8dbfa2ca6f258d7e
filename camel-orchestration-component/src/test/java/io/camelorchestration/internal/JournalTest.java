package io.camelorchestration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    record Settlement(String id, long tokens) {
    }

    @TempDir
    Path dir;

    @Test
    void whatWasAppendedAndNotAcknowledgedIsThereAfterAReopen() {
        try (Journal journal = Journal.open(dir, "settlements", 1 << 20, 1000, null)) {
            journal.append("s-1", new Settlement("s-1", 120));
            journal.append("s-2", new Settlement("s-2", 80));
            journal.ack("s-1");
        }
        try (Journal journal = Journal.open(dir, "settlements", 1 << 20, 1000, null)) {
            assertThat(journal.size()).isEqualTo(1);
            assertThat(journal.get("s-2").orElseThrow().as(Settlement.class)).isEqualTo(new Settlement("s-2", 80));
            assertThat(journal.get("s-1")).isEmpty();
            assertThat(journal.bytes()).isEqualTo(journal.get("s-2").orElseThrow().json().toString().length());
        }
    }

    @Test
    void appendingTheSameIdAgainKeepsOneEntry() {
        try (Journal journal = Journal.open(dir, "settlements", 1 << 20, 1000, null)) {
            journal.append("s-1", new Settlement("s-1", 120));
            journal.append("s-1", new Settlement("s-1", 130));
            assertThat(journal.size()).isEqualTo(1);
            assertThat(journal.peek(10)).extracting(e -> e.as(Settlement.class).tokens()).containsExactly(130L);
        }
    }

    /**
     * PendingSettlements books what {@code peek} returns once its filter says the step no longer runs: the step
     * replaces its estimate with what it spent (or removes it) and only then leaves the running set. A peek that
     * read the entry before asking the filter (its iterator reads a snapshot of the map) returned the estimate, which
     * was booked in place of the real spend, and the real spend was acknowledged unbooked. The filter here makes the
     * change at the moment it is asked, the latest a concurrent settle can come.
     */
    @Test
    void anEntryReplacedOrRemovedWhilePeekAsksTheFilterIsReturnedAsItIsThen() {
        try (Journal journal = Journal.open(dir, "settlements", 1 << 20, 1000, null)) {
            journal.append("s-1", new Settlement("s-1", 28));
            journal.append("s-2", new Settlement("s-2", 28));
            journal.append("s-3", new Settlement("s-3", 28));
            List<Journal.Entry> peeked = journal.peek(10, id -> {
                if (id.equals("s-1")) {
                    journal.append("s-1", new Settlement("s-1", 20)); // settled with its real spend
                    journal.ack("s-2"); // cancelled: it spent nothing
                }
                return true;
            });
            assertThat(peeked).extracting(Journal.Entry::id).containsExactly("s-1", "s-3");
            assertThat(peeked).extracting(e -> e.as(Settlement.class).tokens()).containsExactly(20L, 28L);
        }
    }

    @Test
    void aFullJournalRefusesAtOnceAndSaysSoOnceUntilThereIsRoom() {
        List<String> heard = new ArrayList<>();
        Journal.Listener listener = new Journal.Listener() {
            @Override
            public void full(Journal journal, String refusedId) {
                heard.add("full:" + refusedId);
            }

            @Override
            public void accepting(Journal journal) {
                heard.add("accepting");
            }
        };
        try (Journal journal = Journal.open(dir, "small", 1 << 20, 2, listener)) {
            assertThat(journal.append("a", Map.of("t", 1))).isTrue();
            assertThat(journal.append("b", Map.of("t", 2))).isTrue();
            assertThat(journal.append("c", Map.of("t", 3))).isFalse();
            assertThat(journal.append("d", Map.of("t", 4))).isFalse();
            assertThat(journal.isFull()).isTrue();
            journal.ack("a");
            assertThat(journal.append("c", Map.of("t", 3))).isTrue();
            assertThat(journal.peek(10)).extracting(Journal.Entry::id).containsExactly("b", "c");
        }
        assertThat(heard).containsExactly("full:c", "accepting");
    }

    @Test
    void theByteBoundCountsTheEntriesJson() {
        try (Journal journal = Journal.open(dir, "bytes", 21, 1000, null)) {
            assertThat(journal.append("a", Map.of("text", "0123456789"))).isTrue(); // {"text":"0123456789"} is 21 bytes
            assertThat(journal.append("b", Map.of("t", 1))).isFalse();
            assertThat(journal.bytes()).isEqualTo(21);
        }
    }

    @Test
    void theFileDoesNotGrowWithEntriesAlreadyAcknowledged() throws Exception {
        try (Journal journal = Journal.open(dir, "steady", 1 << 24, 100_000, null)) {
            for (int i = 0; i < 5_000; i++) {
                String id = String.format("s-%05d", i);
                journal.append(id, Map.of("text", "an audit event of about a hundred bytes, as the trail writes them", "n", i));
                journal.ack(id);
            }
            // every commit writes a chunk: kept for a while, 5,000 of them would be about 100 MB
            assertThat(Files.size(journal.file())).isLessThan(8L << 20);
        }
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> Journal.open(dir, "x", 0, 10, null)).hasMessageContaining("maxBytes=0");
        assertThatThrownBy(() -> Journal.open(dir, "../x", 10, 10, null)).hasMessageContaining("journal name");
    }

    @Test
    void entriesAppendedByAProcessKilledWithKill9AreThere() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JournalWriterMain.class.getName(), dir.toString(), "500")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("appended 500")) {
                // wait for the child to report it appended (and acknowledged every tenth)
            }
            assertThat(line).isEqualTo("appended 500");
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try (Journal journal = Journal.open(dir, "crash", 1 << 24, 100_000, null)) {
            assertThat(journal.size()).isEqualTo(450);
            assertThat(journal.get("e-00499").orElseThrow().json().get("n").asInt()).isEqualTo(499);
            assertThat(journal.get("e-00490")).isEmpty();
        }
    }
}
