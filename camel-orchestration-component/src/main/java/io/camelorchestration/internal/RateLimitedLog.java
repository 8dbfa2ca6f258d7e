package io.camelorchestration.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * A warning about a condition that lasts (a store that is down, a sink that fails) logged at most once per period,
 * however many steps meet it: an outage at thousands of steps a second must not become thousands of log lines a
 * second. The first occurrence is always logged; the messages say how many occurred meanwhile.
 */
public final class RateLimitedLog {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final long everyNanos;
    private final AtomicLong last;

    private RateLimitedLog(Logger log, long everyNanos) {
        this.log = log;
        this.everyNanos = everyNanos;
        // nanoTime may be negative: "never logged" has to be a time a whole period ago
        this.last = new AtomicLong(System.nanoTime() - everyNanos);
    }

    /** At most one warning a minute; say so in the message ("logged at most once a minute"). */
    public static RateLimitedLog everyMinute(Logger log) {
        return new RateLimitedLog(log, MINUTE);
    }

    /** Logs the warning if a period has passed since the last one; one caller wins when several race. */
    public void warn(String format, Object... args) {
        long now = System.nanoTime();
        long prev = last.get();
        if (now - prev >= everyNanos && last.compareAndSet(prev, now)) {
            log.warn(format, args);
        }
    }
}
