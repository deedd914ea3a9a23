package org.flamesaudit.users;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.INFO;

/**
 * The server-log messages of {@code org.flamesaudit.users} (and its subpackages): ids FLAMES002100 to
 * FLAMES002199, this package's own range ({@link #FIRST_ID}-{@link #LAST_ID}: the processor refuses an id
 * outside it; every package's range is in the README, "Log messages"; MessageIdsTest fails the build on an id
 * used twice or a range shared). Each class logs under its own name as category:
 * {@code Logger.getMessageLogger(MethodHandles.lookup(), UsersLogger.class, TheClass.class.getName())}.
 */
@MessageLogger(projectCode = "FLAMES")
@ValidIdRange(min = UsersLogger.FIRST_ID, max = UsersLogger.LAST_ID)
public interface UsersLogger extends BasicLogger {

    int FIRST_ID = 2100;
    int LAST_ID = 2199;

    @LogMessage(level = INFO)
    @Message(id = 2100, value = "account %s %s by %s (roles %s, enabled %s)")
    void accountSaved(String username, String what, String by, Object roles, boolean enabled);

    @LogMessage(level = INFO)
    @Message(id = 2101, value = "account %s %s by %s (roles %s, enabled %s, password set)")
    void accountSavedWithPassword(String username, String what, String by, Object roles, boolean enabled);

    @LogMessage(level = INFO)
    @Message(id = 2102, value = "account %s deleted by %s")
    void accountDeleted(String username, String by);
}
