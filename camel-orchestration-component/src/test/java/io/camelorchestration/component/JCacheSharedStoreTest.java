package io.camelorchestration.component;

import java.util.UUID;

import javax.cache.CacheManager;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.camelorchestration.component.testing.FakeLlm;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cache-store=jcache on a real two-member Hazelcast cluster in this JVM (loopback only, no multicast, no phone-home):
 * an answer one CamelContext paid for is a hit on the other, which never calls its delegate.
 */
// Not on OrchestrateTestSupport: two instances, each a context of its own, share one Hazelcast cluster.
class JCacheSharedStoreTest {

    static HazelcastInstance memberA;
    static HazelcastInstance memberB;

    @BeforeAll
    static void cluster() {
        String cluster = "orchestration-cache-" + UUID.randomUUID();
        memberA = Hazelcast.newHazelcastInstance(config(cluster));
        memberB = Hazelcast.newHazelcastInstance(config(cluster));
        assertThat(memberA.getCluster().getMembers()).hasSize(2);
    }

    static Config config(String cluster) {
        Config c = new Config();
        c.setClusterName(cluster);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.getJetConfig().setEnabled(false);
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(5971).setPortAutoIncrement(true).setPortCount(20);
        net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        return c;
    }

    @AfterAll
    static void stop() {
        memberB.shutdown();
        memberA.shutdown();
    }

    final FakeLlm llmA = llm("instance-a");
    final FakeLlm llmB = llm("instance-b");

    /** The model behind one instance: it says which instance it answered. */
    static FakeLlm llm(String name) {
        return new FakeLlm().answers("{\"invoice\":\"INV-2041\",\"total\":1250.00}").usage(420, 35)
                .replyHeader("AnsweredBy", call -> name);
    }

    CamelContext instance(String name, HazelcastInstance member, FakeLlm llm) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(name);
        // the member side of Hazelcast's JCache on this context's own member, under the same (default) URI on both, as
        // two application instances would have it: a provider of its own each, since a provider keeps one manager per URI
        javax.cache.spi.CachingProvider provider = new com.hazelcast.cache.HazelcastMemberCachingProvider();
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(member));
        ctx.getRegistry().bind("cacheManager", manager);
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setCacheEnabled(true);
        orchestrate.setCacheStore(CacheStoreType.JCACHE);
        orchestrate.setDefaultModel("gpt-4o-mini");
        ctx.addComponent("orchestrate", orchestrate);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:extract").to("orchestrate:invoice?intent=extract&cache=exact&delegate=direct:llm");
            }
        });
        ctx.addRoutes(llm);
        ctx.start();
        return ctx;
    }

    @Test
    void anAnswerPaidForOnOneInstanceIsAHitOnTheOther() throws Exception {
        CamelContext a = instance("instance-a", memberA, llmA);
        CamelContext b = instance("instance-b", memberB, llmB);
        try (ProducerTemplate ta = a.createProducerTemplate(); ProducerTemplate tb = b.createProducerTemplate()) {
            String doc = "Invoice INV-2041 from ACME, total 1,250.00 EUR, due 2026-12-31.";
            Exchange first = ta.request("direct:extract", e -> e.getMessage().setBody(doc));
            Exchange second = tb.request("direct:extract", e -> e.getMessage().setBody(doc));

            assertThat(first.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isFalse();
            assertThat(second.getMessage().getHeader(OrchestrateConstants.CACHE_HIT, Boolean.class)).isTrue();
            assertThat(second.getMessage().getBody(String.class)).isEqualTo(first.getMessage().getBody(String.class));
            assertThat(second.getMessage().getHeader("AnsweredBy")).isEqualTo("instance-a");
            assertThat(second.getMessage().getHeader(OrchestrateConstants.TOKENS_SAVED, Long.class)).isEqualTo(455);
            assertThat(llmA.calls()).isEqualTo(1);
            assertThat(llmB.calls()).isEqualTo(0);
            // the entry lives in the cluster: both members see it
            assertThat(memberB.getCacheManager().getCache("camel-orchestration-responses").size()).isEqualTo(1);
        } finally {
            b.stop();
            a.stop();
        }
    }
}
