package org.flamesaudit.users;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flamesaudit.support.AppConfig;
import org.flamesaudit.support.SchemaReady;
import org.flamesaudit.support.Setting;

import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The server's side of {@link LoginThrottle}: configured from {@link Setting#LOGIN_FREE_ATTEMPTS} and
 * {@link Setting#LOGIN_MAX_BACKOFF_SECONDS}, fed by {@link LoginGuard} with every HTTP Basic login's outcome, and
 * writing each wrong password, each wait it starts and each unlock to the audit log ({@link LoginEvent}). The entries
 * are written by a managed executor, never on the thread that answers the request.
 */
@ApplicationScoped
public class LoginAttempts {

    private static final UsersLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), UsersLogger.class,
            LoginAttempts.class.getName());

    @Inject
    LoginEventStore store;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;

    private volatile LoginThrottle throttle;

    void onStart(@Observes @jakarta.annotation.Priority(SchemaReady.CHECK) SchemaReady event) {
        long free = Setting.LOGIN_FREE_ATTEMPTS.longValue(1, "attempts");
        long max = Setting.LOGIN_MAX_BACKOFF_SECONDS.longValue(1, "seconds");
        throttle = new LoginThrottle((int) Math.min(free, Integer.MAX_VALUE), Duration.ofSeconds(max), clock);
        LoginGuard.publish(this);
        LOG.throttleConfigured(free, max);
    }

    void onStop(@Observes @jakarta.enterprise.context.BeforeDestroyed(ApplicationScoped.class) Object event) {
        LoginGuard.publish(null);
    }

    /** How long an attempt must still wait; zero when it may go ahead (also before start-up completed). */
    Duration waitBefore(String account, String address) {
        LoginThrottle t = throttle;
        return t == null ? Duration.ZERO : t.waitBefore(account, address);
    }

    void failed(String account, String address) {
        LoginThrottle t = throttle;
        if (t == null) {
            return;
        }
        LoginThrottle.Entry e = t.failed(account, address);
        Instant now = e.lastFailure();
        record(new LoginEvent(now, LoginEvent.Action.FAILED, account, address, e.failures(), null, null,
                AppConfig.nodeName()));
        if (e.blockedAt(now)) {
            long seconds = Duration.between(now, e.blockedUntil()).toSeconds();
            record(new LoginEvent(now, LoginEvent.Action.THROTTLED, account, address, e.failures(), seconds, null,
                    AppConfig.nodeName()));
            LOG.loginThrottled(printable(account), address, e.failures(), seconds);
        }
    }

    void succeeded(String account, String address) {
        LoginThrottle t = throttle;
        if (t != null) {
            t.succeeded(account, address);
        }
    }

    /** The account's wrong-password counts on this node, by client address. */
    public List<LoginThrottle.Entry> of(String account) {
        LoginThrottle t = throttle;
        return t == null ? List.of() : t.of(account);
    }

    /** An admin forgets the account's wrong passwords on this node: its waits end at once. Logged. */
    public List<LoginThrottle.Entry> unlock(String account, String admin) {
        LoginThrottle t = throttle;
        List<LoginThrottle.Entry> removed = t == null ? List.of() : t.unlock(account);
        store.record(new LoginEvent(clock.instant(), LoginEvent.Action.UNLOCKED, account, null,
                removed.stream().mapToInt(LoginThrottle.Entry::failures).sum(), null, admin, AppConfig.nodeName()));
        LOG.loginUnlocked(admin, printable(account), removed.size());
        return removed;
    }

    /** A name a stranger typed, for the server log: control characters (a forged log line) shown escaped, at most 100. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(100).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return name.codePointCount(0, name.length()) > 100 ? out + "..." : out.toString();
    }

    private void record(LoginEvent event) {
        try {
            executor.execute(() -> {
                try {
                    store.record(event);
                } catch (RuntimeException e) {
                    LOG.loginEntryNotWritten(e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.loginEntryNotWritten(e.toString());
        }
    }
}
