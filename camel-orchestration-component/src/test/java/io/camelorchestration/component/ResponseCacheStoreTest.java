package io.camelorchestration.component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelorchestration.cache.ResponseCache;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.spi.Registry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store of the user's (one ResponseCache bean): while it is down every step is a miss that calls the delegate, never
 * a failed exchange; a damaged entry is dropped, counted and replaced.
 */
class ResponseCacheStoreTest extends OrchestrateTestSupport {

    /** A map that can be switched off, as a remote store goes down. */
    static final class FlakyStore implements ResponseCache {
        final Map<String, byte[]> entries = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public byte[] get(String key) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            return entries.get(key);
        }

        @Override
        public void put(String key, byte[] entry, Duration ttl) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            entries.put(key, entry);
        }

        @Override
        public void remove(String key) {
            entries.remove(key);
        }
    }

    final FlakyStore store = new FlakyStore();

    {
        llm.answers("true");
    }

    @Override
    protected void bind(Registry registry) {
        registry.bind("myStore", store);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCacheEnabled(true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify").to("orchestrate:triage?intent=conditional&cache=exact&delegate=direct:llm");
            }
        };
    }

    Exchange classify() {
        return template.request("direct:classify", e -> e.getMessage().setBody("Is this notification urgent? Disk full on db-1."));
    }

    @Test
    void aStoreThatIsDownIsAMissNeverAFailure() {
        store.down = true;
        for (int i = 0; i < 3; i++) {
            Exchange e = classify();
            assertThat(e.getException()).isNull();
            assertThat(e.getMessage().getBody(String.class)).isEqualTo("true");
            assertThat(e.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
        }
        assertThat(llm.calls()).isEqualTo(3);
        assertThat(orchestrate().getCacheStoreErrors()).isGreaterThanOrEqualTo(3);
        store.down = false;
        classify();
        Exchange hit = classify();
        assertThat(hit.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isTrue();
        assertThat(llm.calls()).isEqualTo(4);
    }

    @Test
    void aCorruptEntryIsDroppedAndCounted() {
        classify();
        assertThat(store.entries).hasSize(1);
        store.entries.replaceAll((k, v) -> {
            byte[] damaged = v.clone();
            damaged[damaged.length - 3] ^= 0x20;
            return damaged;
        });
        Exchange e = classify();
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
        assertThat(orchestrate().getCacheCorruptEntries()).isEqualTo(1);
        assertThat(llm.calls()).isEqualTo(2);
        // the answer of that call replaced it
        assertThat(classify().getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isTrue();
    }
}
