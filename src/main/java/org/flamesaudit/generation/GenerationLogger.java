package org.flamesaudit.generation;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.DEBUG;

/**
 * The server-log messages of {@code org.flamesaudit.generation} (and its subpackages): ids FLAMES001000 to
 * FLAMES001099, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), GenerationLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = GenerationLogger.FIRST_ID, max = GenerationLogger.LAST_ID)
public interface GenerationLogger extends BasicLogger {

    int FIRST_ID = 1000;
    int LAST_ID = 1099;

    @LogMessage(level = DEBUG)
    @Message(id = 1000, value = "retrying after %s ms: %s")
    void retrying(long delayMs, String reason);
}
