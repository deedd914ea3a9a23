package org.flamesaudit.keyusage;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

/**
 * The server-log messages of {@code org.flamesaudit.keyusage} (and its subpackages): ids FLAMES002000 to
 * FLAMES002099, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), KeyUsageLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = KeyUsageLogger.FIRST_ID, max = KeyUsageLogger.LAST_ID)
public interface KeyUsageLogger extends BasicLogger {

    int FIRST_ID = 2000;
    int LAST_ID = 2099;

    @LogMessage(level = INFO)
    @Message(id = 2000, value = "runs may name as apiKeyEnv only the environment variables %s, and each key is "
            + "sent only to the endpoints an admin registered for it")
    void keyRules(String variables);

    @LogMessage(level = WARN)
    @Message(id = 2001, value = "refused by the API-key endpoint rules: %s")
    void refused(String refusal);
}
