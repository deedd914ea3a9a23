package org.flamesaudit.users;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.logging.annotations.ValidIdRange;

import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

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

    @LogMessage(level = INFO)
    @Message(id = 2103, value = "failed logins: %s wrong password(s) per account and client address cost nothing, then "
            + "each makes the next attempt from there wait twice as long, from 1 s up to %s s")
    void throttleConfigured(long freeAttempts, long maxBackoffSeconds);

    @LogMessage(level = WARN)
    @Message(id = 2104, value = "login of %s from %s: %s wrong passwords in a row; attempts from there wait %s s")
    void loginThrottled(String account, String address, int failures, long waitSeconds);

    @LogMessage(level = INFO)
    @Message(id = 2105, value = "%s unlocked logins of %s (%s address(es))")
    void loginUnlocked(String admin, String account, int addresses);

    @LogMessage(level = WARN)
    @Message(id = 2106, value = "could not write a login entry to the audit log: %s")
    void loginEntryNotWritten(String why);

    @LogMessage(level = INFO)
    @Message(id = 2107, value = "database accounts are read from %s; bcrypt checks a password once per account, "
            + "password change and node (verification cache of up to %s accounts)")
    void databaseRealmReady(String dataSource, int cacheSize);

    @LogMessage(level = ERROR)
    @Message(id = 2108, value = "database accounts cannot log in: %s")
    void databaseRealmUnavailable(String why);
}
