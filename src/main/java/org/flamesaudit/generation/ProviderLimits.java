package org.flamesaudit.generation;

import org.flamesaudit.support.ConfigurationException;

/**
 * How much of a provider's answer the server reads: {@code -D}{@value #PROPERTY} or {@value #ENV}, in bytes, default
 * {@value #DEFAULT} (4 MiB: a Flames answer is a few kilobytes; a reasoning model's whole thinking fits many times).
 * An answer over the limit fails its attempt, so one hostile or broken endpoint cannot fill the heap (issue 20).
 */
public final class ProviderLimits {

    public static final String PROPERTY = "flames.provider.max-answer-bytes";
    public static final String ENV = "FLAMES_PROVIDER_MAX_ANSWER_BYTES";
    public static final long DEFAULT = 4L * 1024 * 1024;

    private ProviderLimits() {
    }

    /** @throws ConfigurationException naming the setting when it is not a number of at least 1024 */
    public static long maxAnswerBytes() {
        String v = System.getProperty(PROPERTY, System.getenv(ENV));
        if (v == null || v.isBlank()) {
            return DEFAULT;
        }
        try {
            long bytes = Long.parseLong(v.strip());
            if (bytes >= 1024) {
                return bytes;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new ConfigurationException(PROPERTY, "must be a number of bytes of at least 1024, not \"" + v + "\"");
    }
}
