package org.flamesaudit.keys;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;

/**
 * The server-log messages of {@code org.flamesaudit.keys} (and its subpackages): ids FLAMES001900 to
 * FLAMES001999, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), KeysLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = KeysLogger.FIRST_ID, max = KeysLogger.LAST_ID)
public interface KeysLogger extends BasicLogger {

    int FIRST_ID = 1900;
    int LAST_ID = 1999;

    @LogMessage(level = INFO)
    @Message(id = 1900, value = "API key alias %s set by %s")
    void keySet(String alias, String by);

    @LogMessage(level = INFO)
    @Message(id = 1901, value = "API key alias %s rotated by %s")
    void keyRotated(String alias, String by);

    @LogMessage(level = INFO)
    @Message(id = 1902, value = "endpoints of %s set to %s by %s")
    void endpointsSet(String key, Object endpoints, String by);
}
