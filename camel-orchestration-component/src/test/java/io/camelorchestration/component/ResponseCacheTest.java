package io.camelorchestration.component;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.cache.ResponseCache;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The response cache through real routes: an identical request is answered from the cache without calling the
 * delegate, reserving or charging anything, and looks to the route exactly as after the call.
 */
class ResponseCacheTest extends OrchestrateTestSupport {

    static final String ANSWER = "{\"name\":\"Ada Lovelace\",\"year\":1843}";

    final MutableClock clock = new MutableClock();
    volatile ResponseCache store;

    {
        llm.answers(ANSWER).usage(150, 50).replyHeader("LlmRequestId", call -> "req-" + call.n()).removesHeader("Scratch");
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCacheEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        // after one call of 200 tokens a tenant has 50 left: a second call that reserved anything would be refused
        orchestrate.setBudgets("tight-*=250 tokens/day hard");
        orchestrate.setCacheWaitTimeout(10_000);
        orchestrate.useCacheClock(clock);
        if (store != null) {
            orchestrate.setResponseCache(store);
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:extract").routeId("people")
                        .to("orchestrate:person?intent=extract&cache=exact&budgetKey=${header.tenant}"
                            + "&onBudgetExceeded=fail&maxOutputTokens=100&delegate=direct:llm");
                from("direct:send").to("orchestrate:notify?intent=send&cache=exact&delegate=direct:llm");
                from("direct:generate").to("orchestrate:write?intent=generate&cache=exact&delegate=direct:llm");
                from("direct:generateCached")
                        .to("orchestrate:writeCached?intent=generate&cache=exact&cacheGenerate=true&delegate=direct:llm");
                from("direct:uncached").to("orchestrate:plain?intent=extract&delegate=direct:llm");
            }
        };
    }

    Exchange ask(String endpoint, String tenant, Object body) {
        return template.request(endpoint, e -> {
            e.getMessage().setHeader("tenant", tenant);
            e.getMessage().setHeader("Scratch", "left by an earlier step");
            e.getMessage().setBody(body);
        });
    }

    double cache(String result) {
        var c = meters.find("orchestration.cache").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void anIdenticalRequestIsAHitThatLooksLikeTheCall() {
        Exchange first = ask("direct:extract", "tight-a", "Who wrote the first program? Ada Lovelace, 1843.");
        Exchange second = ask("direct:extract", "tight-a", "Who wrote the first program? Ada Lovelace, 1843.");

        assertThat(first.getException()).isNull();
        assertThat(second.getException()).isNull(); // would be over the tenant's budget had it reserved anything
        assertThat(llm.calls()).isEqualTo(1);
        var m1 = first.getMessage();
        var m2 = second.getMessage();
        assertThat(m1.getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
        assertThat(m2.getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isTrue();
        assertThat(m2.getBody()).isEqualTo(ANSWER);
        // the delegate's own result headers, as it left them
        assertThat(m2.getHeader("LlmRequestId")).isEqualTo("req-1");
        assertThat(m2.getHeader(OrchestrateConstants.USAGE_INPUT_TOKENS)).isEqualTo(150);
        assertThat(m2.getHeaders()).doesNotContainKey("Scratch");
        assertThat(m2.getHeader(OrchestrateConstants.TOKENS_USED, Long.class)).isZero();
        assertThat(m2.getHeader(OrchestrateConstants.TOKENS_SAVED, Long.class)).isEqualTo(200);
        double costSaved = m2.getHeader(OrchestrateConstants.COST_SAVED, Double.class);
        assertThat(costSaved).isGreaterThan(0);
        assertThat(m2.getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        assertThat(m2.getHeader(OrchestrateConstants.MODEL)).isEqualTo(m1.getHeader(OrchestrateConstants.MODEL));

        assertThat(cache("miss")).isEqualTo(1);
        assertThat(cache("store")).isEqualTo(1);
        assertThat(cache("hit")).isEqualTo(1);
        assertThat(meters.find("orchestration.cache.tokens.saved").tag("step", "person").counter().count()).isEqualTo(200);
        assertThat(meters.find("orchestration.cache.cost.saved").tag("route", "people").counter().count())
                .isEqualTo(costSaved);
        assertThat(orchestrate().getTotalTokensUsed()).isEqualTo(200); // the hit used nothing
        assertThat(orchestrate().getCacheHits()).isEqualTo(1);
        assertThat(orchestrate().getCacheMisses()).isEqualTo(1);
    }

    @Test
    void aDifferentPromptIsAMiss() {
        ask("direct:extract", "tenant-a", "Who wrote the first program? Ada Lovelace, 1843.");
        Exchange other = ask("direct:extract", "tenant-a", "Who wrote the first compiler? Grace Hopper, 1952.");
        assertThat(llm.calls()).isEqualTo(2);
        assertThat(other.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
    }

    @Test
    void oneTenantIsNeverServedAnothersAnswer() {
        ask("direct:extract", "tenant-a", "Same question for everyone.");
        Exchange b = ask("direct:extract", "tenant-b", "Same question for everyone.");
        Exchange a = ask("direct:extract", "tenant-a", "Same question for everyone.");
        assertThat(llm.calls()).isEqualTo(2);
        assertThat(b.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
        assertThat(b.getMessage().getHeader("LlmRequestId")).isEqualTo("req-2");
        assertThat(a.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isTrue();
        assertThat(a.getMessage().getHeader("LlmRequestId")).isEqualTo("req-1");
    }

    @Test
    void anAnswerThatFailsTheChecksOrIsEmptyIsNotKept() {
        llm.answers("Ada Lovelace, I think"); // extract: not JSON
        ask("direct:extract", "tenant-a", "Who wrote the first program?");
        ask("direct:extract", "tenant-b", "Who wrote the first program?");
        llm.answers("   ");
        ask("direct:extract", "tenant-c", "Who?");
        ask("direct:extract", "tenant-c", "Who?");
        assertThat(llm.calls()).isEqualTo(4);
        assertThat(cache("store")).isZero();
        assertThat(cache("hit")).isZero();
    }

    @Test
    void sendStepsNeverAndGenerateStepsOnlyWhenAsked() {
        ask("direct:send", "t", "Deliver this.");
        ask("direct:send", "t", "Deliver this.");
        assertThat(llm.calls()).isEqualTo(2);
        ask("direct:generate", "t", "Write a haiku about caches.");
        ask("direct:generate", "t", "Write a haiku about caches.");
        assertThat(llm.calls()).isEqualTo(4);
        Exchange g = ask("direct:generateCached", "t", "Write a haiku about caches.");
        Exchange h = ask("direct:generateCached", "t", "Write a haiku about caches.");
        assertThat(llm.calls()).isEqualTo(5);
        assertThat(g.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
        assertThat(h.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isTrue();
    }

    @Test
    void aStepWithoutCacheExactOrWithTheFlagOffCallsEveryTime() {
        ask("direct:uncached", "t", "Who?");
        Exchange e = ask("direct:uncached", "t", "Who?");
        assertThat(e.getMessage().getHeaders()).doesNotContainKey(OrchestrateConstants.CACHE_HIT);
        orchestrate().setCacheEnabled(false); // as over JMX
        ask("direct:extract", "tenant-a", "Who?");
        ask("direct:extract", "tenant-a", "Who?");
        assertThat(llm.calls()).isEqualTo(4);
    }

    @Test
    void aStreamIsNotCached() {
        for (int i = 0; i < 2; i++) {
            Exchange e = ask("direct:extract", "tenant-s" + 0, new ByteArrayInputStream(
                    "Who wrote the first program?".getBytes(StandardCharsets.UTF_8)));
            assertThat(e.getException()).isNull();
        }
        assertThat(llm.calls()).isEqualTo(2);
    }

    @Test
    void anAnswerExpiresAfterTheTtl() {
        ask("direct:extract", "tenant-a", "Who?");
        clock.advance(Duration.ofMinutes(59));
        assertThat(ask("direct:extract", "tenant-b", "Who?").getException()).isNull();
        Exchange hit = ask("direct:extract", "tenant-a", "Who?");
        assertThat(hit.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isTrue();
        clock.advance(Duration.ofMinutes(2)); // 61 minutes: past the default hour
        Exchange expired = ask("direct:extract", "tenant-c", "Who?");
        Exchange again = ask("direct:extract", "tenant-a", "Who?");
        assertThat(expired.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
        assertThat(again.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
        assertThat(llm.calls()).isEqualTo(4);
    }

    @Test
    void thirtyTwoIdenticalRequestsMakeOneCall() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        llm.holdUntil(hold);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Exchange>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(pool.submit(() -> ask("direct:extract", "tenant-a", "Classify this notification.")));
            }
            // the leader is in the delegate, the 31 others wait for it without a thread
            await().atMost(Duration.ofSeconds(10)).until(() -> orchestrate().runtimeCacheWaiting() == 31);
            hold.countDown();
            int hits = 0;
            for (Future<Exchange> f : answers) {
                Exchange e = f.get(10, TimeUnit.SECONDS);
                assertThat(e.getException()).isNull();
                assertThat(e.getMessage().getBody()).isEqualTo(ANSWER);
                hits += Boolean.TRUE.equals(e.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)) ? 1 : 0;
            }
            assertThat(llm.calls()).isEqualTo(1);
            assertThat(hits).isEqualTo(31);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHitCompletesOnTheCallersThread() throws Exception {
        ask("direct:extract", "tenant-a", "Who?");
        Producer producer = context.getEndpoint("orchestrate:person?intent=extract&cache=exact&budgetKey=${header.tenant}"
                + "&onBudgetExceeded=fail&maxOutputTokens=100&delegate=direct:llm").createProducer();
        producer.start();
        Exchange e = new DefaultExchange(context);
        e.getMessage().setHeader("tenant", "tenant-a");
        e.getMessage().setBody("Who?");
        AtomicLong doneSync = new AtomicLong(-1);
        boolean sync = ((AsyncProcessor) producer).process(e, d -> doneSync.set(d ? 1 : 0));
        assertThat(sync).isTrue();
        assertThat(doneSync).hasValue(1);
        assertThat(e.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isTrue();
        producer.stop();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-07T03:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
