package org.flamesaudit.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The application's {@link Clock}: the system clock in UTC. Beans whose behaviour depends on the time of day (the
 * schedules: when a slot is due, late or missed; when a schedule became active) inject it instead of calling
 * {@code Instant.now()}, so that an in-container test can replace it with a CDI alternative and step through hours
 * of slots without waiting (see {@code ScheduleClockContainerIT}).
 */
@ApplicationScoped
public class SystemClock {

    /** Dependent scope: a Clock is immutable and needs no proxy. */
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
