package org.flamesaudit.keys;

import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.HttpUrls;

import java.net.URI;
import java.util.Locale;

/**
 * One place an API key may be sent: a scheme, a host, a port and a path prefix, registered by an admin together with
 * the key. A base URL matches when its scheme, host (case-insensitive, without a trailing dot) and port (the scheme's
 * default when none is written) are equal, and its path is the prefix or lies below it segment by segment:
 * {@code https://api.deepseek.com/v1} matches {@code https://api.deepseek.com/v1} and
 * {@code https://api.deepseek.com/v1/beta}, never {@code https://api.deepseek.com/v1evil},
 * {@code http://api.deepseek.com/v1} or {@code https://api.deepseek.com.evil.net/v1}.
 *
 * <p>The canonical text ({@link #toString()}) always writes the port: {@code https://api.deepseek.com:443/v1}.
 */
public record KeyEndpoint(String scheme, String host, int port, String pathPrefix) {

    /**
     * Parses an endpoint as an admin writes it ({@code https://api.deepseek.com/v1}).
     *
     * @throws ConfigurationException naming {@code field} when it is not an absolute http(s) URL without credentials,
     *                                query, fragment, dot segments or encoded separators
     */
    public static KeyEndpoint parse(String text, String field) {
        URI uri = HttpUrls.strict(text, field);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new KeyEndpoint(uri.getScheme().toLowerCase(Locale.ROOT), host(uri), port(uri), path);
    }

    /** Whether a key registered for this endpoint may be sent to {@code baseUrl} (already checked as an http(s) URL). */
    public boolean matches(URI baseUrl) {
        if (!scheme.equals(baseUrl.getScheme().toLowerCase(Locale.ROOT)) || !host.equals(host(baseUrl))
                || port != port(baseUrl)) {
            return false;
        }
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return pathPrefix.isEmpty() || path.equals(pathPrefix) || path.startsWith(pathPrefix + "/");
    }

    private static String host(URI uri) {
        String h = uri.getHost().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + pathPrefix;
    }
}
