package org.flamesaudit.review;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;

/**
 * The server-log messages of {@code org.flamesaudit.review} (and its subpackages): ids FLAMES001700 to
 * FLAMES001799, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), ReviewLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = ReviewLogger.FIRST_ID, max = ReviewLogger.LAST_ID)
public interface ReviewLogger extends BasicLogger {

    int FIRST_ID = 1700;
    int LAST_ID = 1799;

    @LogMessage(level = INFO)
    @Message(id = 1700, value = "run %s, prompt %s: %s reviewed the score %s -> %s")
    void scoreReviewed(long runId, Object promptId, String reviewer, Object previousScore, Object score);

    @LogMessage(level = INFO)
    @Message(id = 1701, value = "run %s: blind review sample of %s answers drawn with seed %s by %s")
    void blindSampleDrawn(long runId, int size, long seed, String user);

    @LogMessage(level = INFO)
    @Message(id = 1702, value = "run %s: blind score of sample item %s given by %s")
    void blindScoreGiven(long runId, int position, String reviewer);
}
