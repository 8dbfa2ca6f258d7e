package io.camelorchestration.component;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * The instance {@link CrashAndOutageTest} kills, in its own JVM: one thread per combination, sending until it is
 * killed. The delegate prints what it reports before the step settles ({@code spent KEY N}), so the parent knows
 * every token the model reported, also for the steps the kill cut short.
 */
public final class CrashAndOutageMain {

    public static void main(String[] args) throws Exception {
        CamelContext ctx = CrashAndOutageInstance.create("crashed", LedgerInstanceMain.dataSource(Integer.parseInt(args[0])),
                Duration.ofMillis(Long.parseLong(args[1])), Path.of(args[2]), (key, n) -> {
                    synchronized (System.out) {
                        System.out.println("spent " + key + " " + n);
                        System.out.flush();
                    }
                });
        ctx.start();
        ProducerTemplate template = ctx.createProducerTemplate();
        for (String key : CrashAndOutageInstance.keys()) {
            Thread th = new Thread(() -> {
                while (true) {
                    template.send("direct:" + key, e -> {
                        e.getMessage().setBody(CrashAndOutageInstance.BODY);
                    });
                }
            });
            th.setDaemon(true);
            th.start();
        }
        System.out.println("started");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
