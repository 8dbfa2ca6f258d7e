package io.camelorchestration.component;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One instance of {@link TwoInstancesKill9Test}, run in its own JVM: steps on the shared hard budget, four threads,
 * until it is killed. The delegate prints what it reports before the step settles ({@code spent N}), so the parent
 * knows every token the model reported, also for the steps the kill cut short.
 */
public final class LedgerInstanceMain {

    public static void main(String[] args) throws Exception {
        CamelContext ctx = TwoInstancesKill9Test.instance(dataSource(Integer.parseInt(args[0])),
                Duration.ofMillis(Long.parseLong(args[1])), Long.parseLong(args[2]), args[3], n -> {
                    synchronized (System.out) {
                        System.out.println("spent " + n);
                        System.out.flush();
                    }
                });
        ctx.start();
        ProducerTemplate template = ctx.createProducerTemplate();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                while (true) {
                    template.send("direct:ask", e -> e.getMessage().setBody("Please confirm the order."));
                }
            });
            th.setDaemon(true);
            th.start();
        }
        System.out.println("started");
        System.out.flush();
        Thread.sleep(120_000);
    }

    static PGSimpleDataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] { "localhost" });
        ds.setPortNumbers(new int[] { port });
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        return ds;
    }

    static int output() {
        return ThreadLocalRandom.current().nextInt(1, 51);
    }
}
