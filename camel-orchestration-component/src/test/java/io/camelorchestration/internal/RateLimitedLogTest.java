package io.camelorchestration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RateLimitedLogTest {

    @Test
    void anOutageOfAThousandFailuresIsOneLineAMinute() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Logger.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("warn")) {
                        lines.add(String.valueOf(args[0]));
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        RateLimitedLog log = RateLimitedLog.everyMinute(logger);
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    log.warn("store down ({} failures so far; logged at most once a minute)", i);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(lines).as("the first failure is logged, the rest of the minute is not").hasSize(1);
    }
}
