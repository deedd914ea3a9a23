package org.flamesaudit.auditchain;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;

/**
 * The server-log messages of {@code org.flamesaudit.auditchain}: ids FLAMES002400 to FLAMES002499
 * ({@link #FIRST_ID}-{@link #LAST_ID}; every package's range is in the README, "Log messages").
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = AuditChainLogger.FIRST_ID, max = AuditChainLogger.LAST_ID)
public interface AuditChainLogger extends BasicLogger {

    int FIRST_ID = 2400;
    int LAST_ID = 2499;

    @LogMessage(level = INFO)
    @Message(id = 2400, value = "audit chain: %s audit-log entries chained at start-up; head is entry %s, %s")
    void sealedAtStart(int entries, long seq, String hash);

    @LogMessage(level = ERROR)
    @Message(id = 2401, value = "audit chain: pending audit-log entries could not be chained (retried in %s s)")
    void sealFailed(long retrySeconds, @Cause Throwable cause);
}
