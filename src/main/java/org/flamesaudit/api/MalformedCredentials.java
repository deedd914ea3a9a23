package org.flamesaudit.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;

import java.util.Base64;

/**
 * Answers a malformed {@code Authorization: Basic} header (not base64, or no colon between user and password;
 * RFC 7617) with a 401 JSON error before the security handler sees it: WildFly's BASIC mechanism otherwise fails on
 * such a header with a 500 and an HTML page. Well-formed credentials, right or wrong, and other schemes pass through
 * untouched. Registered as an Undertow {@link ServletExtension} in META-INF/services, outside the security handler.
 */
public class MalformedCredentials implements ServletExtension {

    static final String BODY = "{\"error\":\"the Authorization header is not valid Basic credentials (RFC 7617: "
            + "base64 of user:password)\",\"code\":\"bad_credentials\"}";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(MalformedCredentials::wrap);
    }

    static HttpHandler wrap(HttpHandler next) {
        return exchange -> {
            String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6) && !wellFormed(header.substring(6))) {
                reject(exchange);
                return;
            }
            next.handleRequest(exchange);
        };
    }

    /**
     * Whether {@code token} is base64 of user:password (RFC 7617 section 2). The bytes' charset is the realm's
     * business: a password in another charset than UTF-8 is a wrong password (401), not a malformed header.
     */
    static boolean wellFormed(String token) {
        try {
            byte[] decoded = Base64.getDecoder().decode(token.strip());
            for (byte b : decoded) {
                if (b == ':') {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void reject(HttpServerExchange exchange) {
        exchange.setStatusCode(401);
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"Flames Audit\", charset=\"UTF-8\"");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(BODY);
    }
}
