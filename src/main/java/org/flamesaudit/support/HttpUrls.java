package org.flamesaudit.support;

import java.net.URI;
import java.util.Locale;

/** The base URLs of providers, judges and API-key endpoints: checked once, the same way everywhere. */
public final class HttpUrls {

    /**
     * A path whose meaning no server can read differently: unreserved characters only (RFC 3986), so no {@code ;}
     * parameters ({@code /v1/..;/other} is {@code /other} to Tomcat) and no percent-encoding (decoded twice by some).
     */
    private static final java.util.regex.Pattern SAFE_PATH = java.util.regex.Pattern.compile("(/[A-Za-z0-9._~-]*)*");

    private HttpUrls() {
    }

    /**
     * An absolute http(s) URL that means exactly what it says: a host, no user info (which hides the real host:
     * {@code https://api.deepseek.com@evil.net/}), no query or fragment, and a plain path (no {@code .} or {@code ..}
     * segments, {@code ;} parameters or percent-encoding, which a server may resolve to another path than the one
     * matched).
     *
     * @throws ConfigurationException naming {@code field} otherwise
     */
    public static URI strict(String text, String field) {
        URI uri;
        try {
            uri = new URI(text == null ? "" : text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new ConfigurationException(field, "is not a valid URL: " + text, ConfigurationException.Kind.NOT_A_URL,
                    java.util.Map.of());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.isOpaque()) {
            throw new ConfigurationException(field, "must be an http(s) URL such as https://api.deepseek.com/v1 or "
                    + "http://127.0.0.1:8000/v1", ConfigurationException.Kind.NOT_A_URL, java.util.Map.of());
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException(field, "must not contain credentials, a query string or a fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!SAFE_PATH.matcher(path).matches() || path.contains("//") || ("/" + path + "/").contains("/./")
                || ("/" + path + "/").contains("/../")) {
            throw new ConfigurationException(field, "must have a plain path: segments of letters, digits and "
                    + "'.', '_', '~', '-' only, without '.' or '..' segments, empty segments, ';' or percent-encoding: "
                    + text);
        }
        return uri;
    }

}
