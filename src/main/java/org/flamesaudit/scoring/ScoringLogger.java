package org.flamesaudit.scoring;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.DEBUG;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.scoring} (and its subpackages): ids FLAMES001100 to
 * FLAMES001199, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), ScoringLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = ScoringLogger.FIRST_ID, max = ScoringLogger.LAST_ID)
public interface ScoringLogger extends BasicLogger {

    int FIRST_ID = 1100;
    int LAST_ID = 1199;

    @LogMessage(level = INFO)
    @Message(id = 1100, value = "embedded scorer ready: %s sha256 %s, heads sha256 %s, %s on %s")
    void embeddedScorerReady(String encoder, String encoderSha256, String headsSha256, Object engine, Object device);

    @LogMessage(level = INFO)
    @Message(id = 1101, value = "loaded the Flames scorer %s (sha256 %s) on DJL %s %s, device %s")
    void officialScorerLoaded(Object model, String modelSha256, String engine, String engineVersion, Object device);

    @LogMessage(level = INFO)
    @Message(id = 1102, value = "loaded encoder %s on DJL %s %s, device %s, %s predictor(s)")
    void encoderLoaded(Object modelFile, String engine, String engineVersion, Object device, int predictors);

    @LogMessage(level = INFO)
    @Message(id = 1103, value = "trained heads %s on %s rows in %s ms: %s")
    void headsTrained(Object headsId, int rows, long ms, Object crossValidation);

    @LogMessage(level = WARN)
    @Message(id = 1104, value = "judge %s refused %s (%s); asking with %s from now on, recorded with each score")
    void judgeRequestFieldRefused(String judge, String refused, String providerMessage, String from);

    @LogMessage(level = DEBUG)
    @Message(id = 1105, value = "run %s: items left for the aggregate step to decide (%s)")
    void decisionDeferred(long runId, String cause);

    @LogMessage(level = INFO)
    @Message(id = 1106, value = "run %s: %s item(s) decided by its %s rule at aggregation")
    void decidedAtAggregation(long runId, int count, String rule);
}
