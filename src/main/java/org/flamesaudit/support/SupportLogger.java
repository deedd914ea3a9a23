package org.flamesaudit.support;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.support} (and its subpackages): ids FLAMES002300 to
 * FLAMES002399, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), SupportLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = SupportLogger.FIRST_ID, max = SupportLogger.LAST_ID)
public interface SupportLogger extends BasicLogger {

    int FIRST_ID = 2300;
    int LAST_ID = 2399;

    @LogMessage(level = INFO)
    @Message(id = 2300, value = "Flames Audit schema at version %s (%s migration(s) applied)")
    void schemaMigrated(Object version, int migrationsApplied);

    @LogMessage(level = INFO)
    @Message(id = 2301, value = "files named through the API are read only inside %s (set %s or -D%s to change)")
    void importDirectories(Object roots, String env, String property);

    @LogMessage(level = INFO)
    @Message(id = 2302, value = "warmed up at start: %s (%s ms)")
    void warmedUp(String what, long ms);

    @LogMessage(level = WARN)
    @Message(id = 2303, value = "the warm-up at start of %s failed (%s); the first audit does that work itself")
    void warmUpFailed(String what, String problem);

    @LogMessage(level = INFO)
    @Message(id = 2304, value = "no warm-up at start (%s is false): the first audit after a start loads and prepares "
            + "what it needs itself")
    void warmUpOff(String setting);
}
