package org.flamesaudit.schedule;

import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronSlotsTest {

    private static final Duration GRACE = Duration.ofSeconds(60);

    @Test
    void should_compute_slots_in_the_stated_zone() {
        CronSlots daily = CronSlots.of("0 9 * * *", "Asia/Shanghai"); // 09:00 in Beijing is 01:00 UTC
        assertThat(daily.after(Instant.parse("2026-11-29T00:30:00Z"))).isEqualTo(Instant.parse("2026-11-29T01:00:00Z"));
        assertThat(daily.after(Instant.parse("2026-11-29T01:00:00Z"))).isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
        CronSlots monday = CronSlots.of("30 2 * * MON", "Europe/Berlin");
        assertThat(monday.after(Instant.parse("2026-11-29T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-30T01:30:00Z"));
    }

    @Test
    void should_fire_strictly_after_the_last_handled_slot() {
        CronSlots everyMinute = CronSlots.of("* * * * *", "UTC");
        assertThat(everyMinute.after(Instant.parse("2026-11-29T04:30:00Z"))).isEqualTo(Instant.parse("2026-11-29T04:31:00Z"));
        assertThat(everyMinute.after(Instant.parse("2026-11-29T04:30:59.900Z"))).isEqualTo(Instant.parse("2026-11-29T04:31:00Z"));
        CronSlots tenSeconds = CronSlots.of("*/10 * * * * *", "UTC");
        assertThat(tenSeconds.after(Instant.parse("2026-11-29T04:30:10Z"))).isEqualTo(Instant.parse("2026-11-29T04:30:20Z"));
    }

    @Test
    void should_report_nothing_due_before_the_next_slot() {
        CronSlots everyMinute = CronSlots.of("* * * * *", "UTC");
        assertThat(everyMinute.due(Instant.parse("2026-11-29T04:30:00Z"), Instant.parse("2026-11-29T04:30:59Z"), GRACE))
                .isNull();
    }

    @Test
    void should_give_the_on_time_slot() {
        CronSlots everyMinute = CronSlots.of("* * * * *", "UTC");
        CronSlots.Due due = everyMinute.due(Instant.parse("2026-11-29T04:30:00Z"), Instant.parse("2026-11-29T04:31:05Z"), GRACE);
        assertThat(due).isEqualTo(new CronSlots.Due(Instant.parse("2026-11-29T04:31:00Z"), 0, false));
    }

    @Test
    void should_collapse_slots_missed_during_downtime_into_the_latest_one() {
        CronSlots everyMinute = CronSlots.of("* * * * *", "UTC");
        // handled up to 04:30, server down until 04:47:30: slots 04:31 .. 04:47 are due (17), the latest is late
        CronSlots.Due due = everyMinute.due(Instant.parse("2026-11-29T04:30:00Z"), Instant.parse("2026-11-29T04:47:30Z"),
                Duration.ofSeconds(20));
        assertThat(due).isEqualTo(new CronSlots.Due(Instant.parse("2026-11-29T04:47:00Z"), 16, true));
        // the same, but the latest slot is within the grace period: on time, earlier ones still counted as missed
        CronSlots.Due onTime = everyMinute.due(Instant.parse("2026-11-29T04:30:00Z"), Instant.parse("2026-11-29T04:47:30Z"), GRACE);
        assertThat(onTime).isEqualTo(new CronSlots.Due(Instant.parse("2026-11-29T04:47:00Z"), 16, false));
    }

    @Test
    void should_find_the_latest_slot_after_a_very_long_downtime() {
        CronSlots everySecond = CronSlots.of("* * * * * *", "UTC");
        Instant now = Instant.parse("2026-11-29T04:30:00.500Z");
        CronSlots.Due due = everySecond.due(now.minus(Duration.ofDays(30)), now, GRACE);
        assertThat(due.slot()).isEqualTo(Instant.parse("2026-11-29T04:30:00Z"));
        assertThat(due.missedBefore()).isGreaterThanOrEqualTo(CronSlots.MAX_COUNTED);
        assertThat(due.late()).isFalse();
    }

    @Test
    void should_refuse_bad_expressions_and_zones_naming_the_field() {
        assertThatThrownBy(() -> CronSlots.of("61 * * * *", "UTC")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("cron: '61 * * * *' is not a valid cron expression");
        assertThatThrownBy(() -> CronSlots.of("* * *", "UTC")).hasMessage(
                "cron: '* * *' has 3 fields; give 5 (minute hour day-of-month month day-of-week) or 6 (second first)");
        assertThatThrownBy(() -> CronSlots.of(" ", "UTC")).hasMessageStartingWith("cron: is required");
        assertThatThrownBy(() -> CronSlots.of("0 2 * * *", "Mars/Olympus")).hasMessageStartingWith(
                "zone: 'Mars/Olympus' is not a time zone");
        assertThatThrownBy(() -> CronSlots.of("0 2 * * *", null)).hasMessageStartingWith("zone: is required");
        assertThatThrownBy(() -> CronSlots.of("0 0 30 2 *", "UTC")).hasMessageStartingWith("cron: '0 0 30 2 *'");
    }
}
