package org.flamesaudit.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletContext;

import org.flamesaudit.support.BasicCredentials;

/**
 * Answers more than one {@code Authorization} header, one over 1024 characters, or a malformed
 * {@code Authorization: Basic} header (not padded base64, or no colon between user and password;
 * RFC 7617) with a 401 JSON error before the security handler sees it: WildFly's BASIC mechanism otherwise fails on
 * such a header with a 500 and an HTML page. Well-formed credentials, right or wrong, and other schemes pass through
 * untouched. Registered as an Undertow {@link ServletExtension} in META-INF/services, outside the security handler.
 */
public class MalformedCredentials implements ServletExtension {

    static final String BODY = "{\"error\":\"the Authorization header is not valid Basic credentials (RFC 7617: "
            + "one header, padded base64 of user:password, at most 1024 characters)\",\"code\":\"bad_credentials\"}";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addOuterHandlerChainWrapper(MalformedCredentials::wrap);
    }

    /** The longest Authorization header accepted (user names are at most 64 characters, passwords 72 bytes). */
    static final int MAX_HEADER = 1024;

    static HttpHandler wrap(HttpHandler next) {
        return exchange -> {
            var headers = exchange.getRequestHeaders().get(Headers.AUTHORIZATION);
            if (headers != null && !acceptable(headers)) {
                reject(exchange);
                return;
            }
            next.handleRequest(exchange);
        };
    }

    /**
     * One Authorization header (RFC 9110 section 11.6.2 defines a single value; with several, the throttle and the
     * authentication mechanism could read different ones), of at most {@link #MAX_HEADER} characters, and when it
     * is Basic, well-formed.
     */
    static boolean acceptable(java.util.List<String> headers) {
        if (headers.size() != 1) {
            return headers.isEmpty();
        }
        String header = headers.get(0);
        if (header.length() > MAX_HEADER) {
            return false;
        }
        return !BasicCredentials.isBasic(header) || BasicCredentials.user(header) != null;
    }

    /** Whether {@code token} is padded base64 of user:password (RFC 7617 section 2; {@link BasicCredentials}). */
    static boolean wellFormed(String token) {
        return BasicCredentials.userOfToken(token) != null;
    }

    private static void reject(HttpServerExchange exchange) {
        exchange.setStatusCode(401);
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"Flames Audit\", charset=\"UTF-8\"");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(BODY);
    }
}
