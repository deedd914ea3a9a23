package org.flamesaudit.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.audit.RunService;
import org.flamesaudit.run.RunStore;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.time.Instant;

/**
 * Handles the slot that is due for one schedule, at most once across every node sharing the database: the slot is
 * claimed by inserting its firing row (unique per schedule and slot) in a committed transaction of its own, and only
 * the node whose insert succeeded starts the run.
 */
@ApplicationScoped
public class ScheduleFirer {

    private static final ScheduleLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ScheduleLogger.class,
            ScheduleFirer.class.getName());

    @Inject
    ScheduleStore store;

    @Inject
    RunService runService;

    /** What happened to a schedule at one tick. */
    public enum Outcome { NOTHING_DUE, FIRED, SKIPPED, FAILED, TAKEN_BY_ANOTHER_NODE }

    public Outcome handle(Schedule schedule, Instant now, Duration grace) {
        Instant handled = store.lastHandledSlot(schedule.getId());
        Instant from = handled == null || handled.isBefore(schedule.getActiveSince())
                ? schedule.getActiveSince() : handled;
        CronSlots.Due due = schedule.slots().due(from, now, grace);
        if (due == null) {
            return Outcome.NOTHING_DUE;
        }
        boolean skip = due.late() && schedule.getMissedFirings() == MissedFirings.SKIP;
        String node = org.flamesaudit.support.AppConfig.nodeName();
        long firingId;
        try {
            firingId = store.claim(schedule.getId(), due,
                    skip ? ScheduleFiring.Status.SKIPPED : ScheduleFiring.Status.CLAIMED, node, now);
        } catch (RuntimeException e) {
            if (store.slotTaken(schedule.getId(), due.slot())) {
                return Outcome.TAKEN_BY_ANOTHER_NODE;
            }
            throw e;
        }
        if (skip) {
            LOG.missedSlotSkipped(schedule.getId(), due.slot(), due.missedBefore() + 1);
            return Outcome.SKIPPED;
        }
        try {
            long runId = runService.start(runService.validate(ScheduleService.runRequest(schedule)), schedule.getId());
            store.fired(firingId, runId);
            if (due.late()) {
                LOG.firedLate(schedule.getId(), due.slot(), runId, due.missedBefore() + 1);
            } else {
                LOG.fired(schedule.getId(), due.slot(), runId);
            }
            return Outcome.FIRED;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            store.failed(firingId, why);
            LOG.runNotStarted(schedule.getId(), due.slot(), why);
            return Outcome.FAILED;
        }
    }
}
