package org.flamesaudit.schedule;

import jakarta.enterprise.concurrent.CronTrigger;
import org.flamesaudit.support.ConfigurationException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The slots of a cron expression in a time zone, computed with Jakarta Concurrency's {@link CronTrigger} (5 fields
 * {@code minute hour day-of-month month day-of-week}, or 6 with seconds first). A slot is an instant in whole
 * seconds; daylight-saving gaps and overlaps are resolved by the zone's rules.
 */
public final class CronSlots {

    /** How many due slots are counted at most when the server was down for long; the latest is still found. */
    static final int MAX_COUNTED = 100_000;

    private final String expression;
    private final ZoneId zone;
    private final Trigger trigger;

    private CronSlots(String expression, ZoneId zone) {
        this.expression = expression;
        this.zone = zone;
        this.trigger = new Trigger(expression, zone);
    }

    /** The next {@code count} slots after {@code from}, in order (fewer when the expression runs out). */
    public java.util.List<Instant> next(Instant from, int count) {
        java.util.List<Instant> slots = new java.util.ArrayList<>();
        Instant t = from;
        for (int i = 0; i < count; i++) {
            Instant next = after(t);
            if (next == null) {
                break;
            }
            slots.add(next);
            t = next;
        }
        return slots;
    }

    /** Parses the expression and zone, or fails with a message naming the field. */
    public static CronSlots of(String cron, String zoneId) {
        if (zoneId == null || zoneId.isBlank()) {
            throw new ConfigurationException("zone", "is required: an IANA time zone such as Asia/Shanghai or UTC");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId.strip());
        } catch (DateTimeException e) {
            throw new ConfigurationException("zone", "'" + zoneId + "' is not a time zone; use an IANA name such as "
                    + "Asia/Shanghai, Europe/Berlin or UTC");
        }
        if (cron == null || cron.isBlank()) {
            throw new ConfigurationException("cron", "is required, e.g. \"0 2 * * *\" (02:00 every day)");
        }
        int fields = cron.strip().split("\\s+").length;
        if (fields != 5 && fields != 6) {
            throw new ConfigurationException("cron", "'" + cron + "' has " + fields + " fields; give 5 (minute hour "
                    + "day-of-month month day-of-week) or 6 (second first)");
        }
        try {
            CronSlots slots = new CronSlots(cron.strip(), zone);
            slots.after(Instant.EPOCH); // an expression that never fires (e.g. 30 February) is refused here
            return slots;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ConfigurationException("cron", "'" + cron + "' is not a valid cron expression: "
                    + e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first slot strictly after the given instant. */
    public Instant after(Instant t) {
        ZonedDateTime from = t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(zone);
        ZonedDateTime next = trigger.nextFrom(from);
        if (next == null) {
            throw new IllegalArgumentException("it has no future slot");
        }
        return next.toInstant();
    }

    /**
     * What is due at {@code now} for a schedule whose slots up to {@code handledUpTo} have been handled: null when no
     * slot lies in (handledUpTo, now]; otherwise the latest due slot, how many earlier due slots it stands for (slots
     * missed while no server was running), and whether it is late (older than {@code grace}).
     */
    public Due due(Instant handledUpTo, Instant now, Duration grace) {
        Instant latest = null;
        int earlier = 0;
        Instant cursor = handledUpTo;
        while (true) {
            Instant next = after(cursor);
            if (next.isAfter(now)) {
                break;
            }
            if (latest != null) {
                earlier++;
            }
            latest = next;
            cursor = next;
            if (earlier >= MAX_COUNTED) {
                // very long downtime: stop counting, jump close to now and find the latest slot from there
                Instant jump = now.minus(Duration.ofDays(1));
                cursor = jump.isAfter(cursor) ? jump : cursor;
            }
        }
        if (latest == null) {
            return null;
        }
        return new Due(latest, earlier, Duration.between(latest, now).compareTo(grace) > 0);
    }

    /** A slot to handle now. */
    public record Due(Instant slot, int missedBefore, boolean late) {
    }

    /** Exposes the trigger's slot computation, which Jakarta Concurrency keeps protected. */
    private static final class Trigger extends CronTrigger {
        Trigger(String cron, ZoneId zone) {
            super(cron, zone);
        }

        ZonedDateTime nextFrom(ZonedDateTime from) {
            return next(from);
        }
    }
}
