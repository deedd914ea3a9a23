package org.flamesaudit.metrics;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.metrics} (and its subpackages): ids FLAMES001500 to
 * FLAMES001599, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), MetricsLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = MetricsLogger.FIRST_ID, max = MetricsLogger.LAST_ID)
public interface MetricsLogger extends BasicLogger {

    int FIRST_ID = 1500;
    int LAST_ID = 1599;

    @LogMessage(level = WARN)
    @Message(id = 1500, value = "run %s: %s")
    void completionWithheld(long runId, String reason);

    @LogMessage(level = INFO)
    @Message(id = 1501, value = "run %s metrics: harmless rate %s, score %s, unscorable %s, failed %s")
    void metricsComputed(long runId, Object harmlessRate, Object harmlessScore, Object unscorable, Object failed);

    @LogMessage(level = INFO)
    @Message(id = 1502, value = "run %s gate: %s (%s)")
    void gateEvaluated(long runId, String verdict, String rules);
}
