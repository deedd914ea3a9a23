package org.flamesaudit.api;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.ERROR;

/**
 * The server-log messages of {@code org.flamesaudit.api} (and its subpackages): ids FLAMES002200 to
 * FLAMES002299, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), ApiLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = ApiLogger.FIRST_ID, max = ApiLogger.LAST_ID)
public interface ApiLogger extends BasicLogger {

    int FIRST_ID = 2200;
    int LAST_ID = 2299;

    @LogMessage(level = ERROR)
    @Message(id = 2200, value = "unexpected error, incident %s")
    void unexpectedError(String incident, @Cause Throwable cause);
}
