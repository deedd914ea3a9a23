package org.flamesaudit.audit;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.DEBUG;
import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.audit} (and its subpackages): ids FLAMES001200 to
 * FLAMES001299, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), AuditLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = AuditLogger.FIRST_ID, max = AuditLogger.LAST_ID)
public interface AuditLogger extends BasicLogger {

    int FIRST_ID = 1200;
    int LAST_ID = 1299;

    @LogMessage(level = INFO)
    @Message(id = 1200, value = "run %s %s")
    void runEnded(long runId, Object status);

    @LogMessage(level = INFO)
    @Message(id = 1201, value = "run %s %s (%s)")
    void runEndedWithReason(long runId, Object status, String reason);


    @LogMessage(level = WARN)
    @Message(id = 1203, value = "run %s was interrupted by a server stop; marked FAILED, restartable")
    void runInterrupted(Object runId);

    @LogMessage(level = DEBUG)
    @Message(id = 1204, value = "run %s: the last partition on this node ended; its connector and scorer here "
            + "are released")
    void partitionResourcesReleased(long runId);

    @LogMessage(level = DEBUG)
    @Message(id = 1205, value = "run %s: the last partition on this node ended; its connector and scorer here "
            + "are released (halted: %s)")
    void partitionResourcesReleasedHalted(long runId, String haltReason);

    @LogMessage(level = INFO)
    @Message(id = 1206, value = "run %s started as job execution %s")
    void runStarted(long runId, long jobExecution);

    @LogMessage(level = INFO)
    @Message(id = 1207, value = "run %s: %s failed item(s) will be tried again in a new job execution")
    void failedItemsRetriedInNewJob(long runId, int failedItems);

    @LogMessage(level = INFO)
    @Message(id = 1208, value = "run %s restarted as job execution %s")
    void runRestarted(long runId, long jobExecution);

    @LogMessage(level = INFO)
    @Message(id = 1209, value = "run %s restarted as job execution %s; %s failed item(s) will be tried again")
    void runRestartedRetryingFailed(long runId, long jobExecution, int failedItems);

    @LogMessage(level = WARN)
    @Message(id = 1210, value = "run %s: %s accepted its failed prompts (%s): %s")
    void failuresAccepted(long runId, String auditor, String withheldReason, String justification);

    @LogMessage(level = ERROR)
    @Message(id = 1211, value = "run %s ended %s, but what follows its end failed (its alerts may not be sent): %s")
    void afterRunEndedFailed(long runId, Object status, String error);
}
