package org.flamesaudit.schedule;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flamesaudit.support.SchemaReady;
import org.flamesaudit.support.Setting;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the schedules from the server's managed scheduler: every tick ({@code flames.schedules.tick-seconds},
 * default 5) each enabled schedule gets its due slot handled by {@link ScheduleFirer}. Every node runs a ticker; the
 * database decides which one fires a slot. A slot older than the grace period
 * ({@code flames.schedules.grace-seconds}, default 60) when it is handled counts as missed and follows the
 * schedule's policy. {@code flames.schedules.enabled=false} turns firing off on a node (an API-only node).
 */
@ApplicationScoped
public class ScheduleTicker {

    private static final ScheduleLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ScheduleLogger.class,
            ScheduleTicker.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ScheduleStore store;

    @Inject
    ScheduleFirer firer;

    @Inject
    Clock clock;

    private ScheduledFuture<?> ticks;

    void onStart(@Observes @jakarta.annotation.Priority(SchemaReady.SCHEDULE) SchemaReady event) {
        if (!Setting.SCHEDULES_ENABLED.booleanValue()) {
            LOG.schedulesDisabled();
            return;
        }
        long tick = Setting.SCHEDULES_TICK_SECONDS.longValue(1, "seconds");
        Duration grace = grace();
        int interrupted = store.failInterruptedFirings(org.flamesaudit.support.AppConfig.nodeName());
        if (interrupted > 0) {
            LOG.firingsInterrupted(interrupted);
        }
        ticks = executor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.SECONDS);
        LOG.ticking(tick, grace.toSeconds());
    }

    /**
     * Handles the due slot of every enabled schedule at the clock's current time. Called by the managed scheduler on
     * every node where schedules fire; public for in-container tests that step a replaced clock.
     */
    public void tick() {
        Instant now = clock.instant();
        Duration grace = grace();
        try {
            for (Schedule s : store.enabled()) {
                try {
                    firer.handle(s, now, grace);
                } catch (RuntimeException e) {
                    LOG.slotNotHandled(s.getId(), e);
                }
            }
        } catch (RuntimeException e) {
            LOG.schedulesUnreadable(e);
        }
    }

    private static Duration grace() {
        return Duration.ofSeconds(Setting.SCHEDULES_GRACE_SECONDS.longValue(1, "seconds"));
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

}
