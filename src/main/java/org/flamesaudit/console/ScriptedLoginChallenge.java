package org.flamesaudit.console;

import io.undertow.server.HttpHandler;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.servlet.ServletContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the browser's own password dialog away from the web console. A 401 answer with
 * {@code WWW-Authenticate: Basic} makes a browser stop a script's request and ask for a password itself (a headless
 * browser simply stalls); the console has its own login form. So for requests a script marks with
 * {@code X-Requested-With: XMLHttpRequest}, the challenge is renamed {@code FlamesBasic} just before the response is
 * sent: the status stays 401 and the console shows "wrong user name or password". Every other client (curl, the
 * tests, a browser opening /api directly) keeps the standard Basic challenge. Registered as an Undertow
 * {@link ServletExtension} in META-INF/services, wrapping the handlers outside the security handler.
 */
public class ScriptedLoginChallenge implements ServletExtension {

    static final HttpString REQUESTED_WITH = new HttpString("X-Requested-With");
    static final String SCRIPT_MARK = "XMLHttpRequest";
    static final String SCHEME = "FlamesBasic";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(ScriptedLoginChallenge::wrap);
    }

    static HttpHandler wrap(HttpHandler next) {
        return exchange -> {
            if (SCRIPT_MARK.equalsIgnoreCase(exchange.getRequestHeaders().getFirst(REQUESTED_WITH))) {
                exchange.addResponseCommitListener(ex -> {
                    HeaderValues challenges = ex.getResponseHeaders().get(Headers.WWW_AUTHENTICATE);
                    if (ex.getStatusCode() == 401 && challenges != null) {
                        List<String> renamed = new ArrayList<>();
                        challenges.forEach(c -> renamed.add(rename(c)));
                        ex.getResponseHeaders().putAll(Headers.WWW_AUTHENTICATE, renamed);
                    }
                });
            }
            next.handleRequest(exchange);
        };
    }

    /** "Basic realm=..." becomes "FlamesBasic realm=..."; other schemes are left alone. */
    static String rename(String challenge) {
        return challenge.regionMatches(true, 0, "Basic", 0, 5) && (challenge.length() == 5
                || challenge.charAt(5) == ' ') ? SCHEME + challenge.substring(5) : challenge;
    }
}
