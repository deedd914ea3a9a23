package org.flamesaudit.schedule;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.schedule} (and its subpackages): ids FLAMES001800 to
 * FLAMES001899, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), ScheduleLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = ScheduleLogger.FIRST_ID, max = ScheduleLogger.LAST_ID)
public interface ScheduleLogger extends BasicLogger {

    int FIRST_ID = 1800;
    int LAST_ID = 1899;

    @LogMessage(level = INFO)
    @Message(id = 1800, value = "schedule %s: slot %s was missed while no server ran it (%s slot(s) in all); "
            + "skipped by its policy")
    void missedSlotSkipped(Object scheduleId, Object slot, long missedSlots);

    @LogMessage(level = INFO)
    @Message(id = 1801, value = "schedule %s fired for slot %s as run %s")
    void fired(Object scheduleId, Object slot, long runId);

    @LogMessage(level = INFO)
    @Message(id = 1802, value = "schedule %s fired for slot %s as run %s (late: %s missed slot(s) run once)")
    void firedLate(Object scheduleId, Object slot, long runId, long missedSlots);

    @LogMessage(level = WARN)
    @Message(id = 1803, value = "schedule %s could not start a run for slot %s: %s")
    void runNotStarted(Object scheduleId, Object slot, String why);

    @LogMessage(level = INFO)
    @Message(id = 1804, value = "schedules will not fire on this node (flames.schedules.enabled=false)")
    void schedulesDisabled();

    @LogMessage(level = WARN)
    @Message(id = 1805, value = "%s schedule firing(s) were interrupted by a server stop; marked FAILED")
    void firingsInterrupted(int firings);

    @LogMessage(level = INFO)
    @Message(id = 1806, value = "schedules are checked every %s s; a slot older than %s s counts as missed")
    void ticking(long tickSeconds, long graceSeconds);

    @LogMessage(level = WARN)
    @Message(id = 1807, value = "schedule %s: its slot could not be handled this time; it is tried again at the "
            + "next tick")
    void slotNotHandled(Object scheduleId, @Cause Throwable cause);

    @LogMessage(level = WARN)
    @Message(id = 1808, value = "schedules could not be read; trying again at the next tick")
    void schedulesUnreadable(@Cause Throwable cause);
}
