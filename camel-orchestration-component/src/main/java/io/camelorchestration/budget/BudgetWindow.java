package io.camelorchestration.budget;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Calendar windows of a cumulative budget, aligned in UTC: a day budget resets at 00:00 UTC, a month budget on the
 * first of the month.
 */
public enum BudgetWindow {
    MINUTE,
    HOUR,
    DAY,
    MONTH;

    // computed once: id() is part of every reservation's rule id
    private final String id = name().toLowerCase(Locale.ROOT);

    public static BudgetWindow of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown budget window '" + value + "'; allowed values: minute, hour, day, month");
        }
    }

    public Instant start(Instant now) {
        LocalDateTime t = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        LocalDateTime s = switch (this) {
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
        return s.toInstant(ZoneOffset.UTC);
    }

    public String id() {
        return id;
    }
}
