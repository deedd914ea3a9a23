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
        return org.flamesaudit.support.Setting.PROVIDER_MAX_ANSWER_BYTES.longValue(1024, "bytes");
    }
}
