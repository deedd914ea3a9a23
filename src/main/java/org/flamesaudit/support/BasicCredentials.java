package org.flamesaudit.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic credentials (RFC 7617) read the way WildFly's BASIC mechanism reads them: {@code Basic } and padded
 * base64 of {@code user:password}, the user name ending at the first colon. One reading for the checks that run
 * before the mechanism (the malformed-header answer, the login throttle), so that they never disagree with it.
 */
public final class BasicCredentials {

    private BasicCredentials() {
    }

    /** Whether the header names the Basic scheme (case-insensitive). */
    public static boolean isBasic(String header) {
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The user name of a Basic header, or null when the header is not Basic or its token is malformed. */
    public static String user(String header) {
        return isBasic(header) ? userOfToken(header.substring(6)) : null;
    }

    /**
     * The user name in a token, or null when it is not base64 padded to a multiple of 4 (as WildFly's decoder
     * requires; Java's would accept it unpadded) or has no colon. The bytes' charset is the realm's business: a
     * password in another charset than UTF-8 is a wrong password, not a malformed token.
     */
    public static String userOfToken(String token) {
        String t = token.strip();
        if (t.isEmpty() || t.length() % 4 != 0) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] == ':') {
                return new String(decoded, 0, i, StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
