package org.flamesaudit.users;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;
import org.flamesaudit.support.BasicCredentials;

import java.time.Duration;

/**
 * Applies {@link LoginThrottle} to HTTP Basic logins, outside the security handler (an Undertow
 * {@link ServletExtension} in META-INF/services): an attempt for an account from a client address that must wait is
 * answered 429 with {@code Retry-After} and a JSON error before its password is checked; otherwise the request goes on,
 * and when its response is committed a 401 counts as a wrong password and an authenticated request as a right one. Requests without Basic
 * credentials are not touched. The client address is the connection's peer, or what the HTTP listener's
 * {@code proxy-address-forwarding} takes from {@code X-Forwarded-For} when the server sits behind a proxy.
 * <p>
 * This replaces WildFly Elytron's own brute-force protection (WFCORE-7192: after 10 wrong passwords an identity is
 * disabled for 15 minutes, whoever sent them), which {@code configure-security.cli} turns off for the application's
 * realms because any stranger could lock any account with it.
 */
public class LoginGuard implements ServletExtension {

    private static volatile LoginAttempts attempts;

    static void publish(LoginAttempts bean) {
        attempts = bean;
    }

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(LoginGuard::wrap);
    }

    static HttpHandler wrap(HttpHandler next) {
        return exchange -> {
            LoginAttempts bean = attempts;
            String account = bean == null ? null : basicUser(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
            if (account == null) {
                next.handleRequest(exchange);
                return;
            }
            String address = exchange.getSourceAddress() == null || exchange.getSourceAddress().getAddress() == null
                    ? "unknown" : exchange.getSourceAddress().getAddress().getHostAddress();
            Duration wait = bean.waitBefore(account, address);
            if (!wait.isZero()) {
                refuse(exchange, account, wait);
                return;
            }
            // counted as the response is committed, before the client can read it: a guesser who sends the next
            // attempt the moment a 401 arrives finds the wait already started (counting once the exchange had
            // completed let that attempt through; LoginThrottleIT saw it on a loaded machine)
            exchange.addResponseCommitListener(done -> {
                if (done.getStatusCode() == 401) {
                    bean.failed(account, address);
                } else if (done.getSecurityContext() != null && done.getSecurityContext().isAuthenticated()) {
                    // only a password that was checked and right resets the count (not a request to a page
                    // that needs no login, where wrong credentials are never looked at)
                    bean.succeeded(account, address);
                }
            });
            next.handleRequest(exchange);
        };
    }

    /**
     * The user name of well-formed Basic credentials ({@link BasicCredentials}), else null. No account name is longer
     * than 64 characters: a longer one is counted under its first 200, so that strangers cannot fill the memory with
     * huge names.
     */
    static String basicUser(String header) {
        String user = BasicCredentials.user(header);
        return user == null ? null : user.substring(0, Math.min(user.length(), 200));
    }

    private static void refuse(HttpServerExchange exchange, String account, Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        exchange.setStatusCode(429);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(seconds));
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send("{\"error\":\"too many wrong passwords for this account from your address: "
                + "try again in " + seconds + " s, or ask an admin to unlock it\",\"code\":\"login_throttled\"}");
    }
}
