package org.flamesaudit.support;

import java.util.Optional;

/**
 * Every setting of Flames Audit, read in one place: a system property ({@code -D...}, or WildFly's
 * {@code standalone.sh -D...}) first, else an environment variable, else the default. The README's "Configuration"
 * table documents each one ({@code SettingTest} checks that none is missing there). Settings of the platform itself
 * ({@code jboss.node.name}, {@code jboss.server.data.dir}) are read by {@link AppConfig}.
 */
public enum Setting {
    DATA_DIR("flames.data.dir", "FLAMES_DATA_DIR", null),
    IMPORT_DIRS("flames.import.dirs", "FLAMES_IMPORT_DIRS", null),
    IMPORT_ALLOW_LOOPBACK_HTTP("flames.import.allow-loopback-http", null, "false"),
    IMPORT_HOSTS("flames.import.hosts", "FLAMES_IMPORT_HOSTS", "raw.githubusercontent.com,huggingface.co"),
    PROVIDER_MAX_ANSWER_BYTES("flames.provider.max-answer-bytes", "FLAMES_PROVIDER_MAX_ANSWER_BYTES", "4194304"),
    API_KEY_VARIABLES("flames.keys.variables", "FLAMES_API_KEY_VARIABLES", "FLAMES_KEY_*"),
    CREDENTIAL_STORE("flames.credential.store", "FLAMES_CREDENTIAL_STORE", null),
    /** Environment only: a password never belongs on a command line. */
    CREDENTIAL_STORE_PASSWORD(null, "FLAMES_CREDENTIAL_STORE_PASSWORD", null),
    RUNS_MAX_FAILED_SHARE("flames.runs.max-failed-share", "FLAMES_RUNS_MAX_FAILED_SHARE", "0.05"),
    LOGIN_FREE_ATTEMPTS("flames.login.free-attempts", "FLAMES_LOGIN_FREE_ATTEMPTS", "5"),
    LOGIN_MAX_BACKOFF_SECONDS("flames.login.max-backoff-seconds", "FLAMES_LOGIN_MAX_BACKOFF_SECONDS", "300"),
    SCHEDULES_ENABLED("flames.schedules.enabled", null, "true"),
    SCHEDULES_TICK_SECONDS("flames.schedules.tick-seconds", null, "5"),
    SCHEDULES_GRACE_SECONDS("flames.schedules.grace-seconds", null, "60"),
    BROKER_URL("flames.broker.url", "FLAMES_BROKER_URL", null),
    BROKER_USER("flames.broker.user", "FLAMES_BROKER_USER", "flames-node"),
    BROKER_PASSWORD("flames.broker.password", "FLAMES_BROKER_PASSWORD", null),
    WARM_UP("flames.warm-up", "FLAMES_WARM_UP", "true"),
    REPORT_ZONE("flames.report.zone", "FLAMES_REPORT_ZONE", "Asia/Shanghai"),
    REPORT_LANGUAGE("flames.report.language", "FLAMES_REPORT_LANGUAGE", "zh"),
    SIGNING_KEYSTORE("flames.signing.keystore", "FLAMES_SIGNING_KEYSTORE", null),
    TSA_URL("flames.tsa.url", "FLAMES_TSA_URL", null),
    TRUSTED_BUNDLE_SIGNERS("flames.bundles.trusted-signers", "FLAMES_TRUSTED_BUNDLE_SIGNERS", null),
    TC260_GENERATED_CONTENT_PASS_RATE("flames.tc260.generated-content-pass-rate",
            "FLAMES_TC260_GENERATED_CONTENT_PASS_RATE", "0.90"),
    TC260_SHOULD_REFUSE_RATE("flames.tc260.should-refuse-rate", "FLAMES_TC260_SHOULD_REFUSE_RATE", "0.95"),
    TC260_NON_REFUSAL_RATE("flames.tc260.non-refusal-rate", "FLAMES_TC260_NON_REFUSAL_RATE", "0.95"),
    TC260_BANK_MINIMUMS("flames.tc260.bank-minimums", "FLAMES_TC260_BANK_MINIMUMS", null),
    ALERTS_RETRY_BASE_SECONDS("flames.alerts.retry-base-seconds", "FLAMES_ALERTS_RETRY_BASE_SECONDS", "5"),
    SCORER_PREDICTORS("flames.scorer.predictors", null, "2"),
    SCORER_GPU("flames.scorer.gpu", null, "true");

    private final String property;
    private final String env;
    private final String fallback;

    Setting(String property, String env, String fallback) {
        this.property = property;
        this.env = env;
        this.fallback = fallback;
    }

    /** The system property's name, or null when the setting is read from the environment only. */
    public String property() {
        return property;
    }

    /** The environment variable's name, or null when there is none. */
    public String env() {
        return env;
    }

    /** How the README and error messages name it: {@code -Dflames.x} or {@code FLAMES_X} or both. */
    public String label() {
        if (property == null) {
            return env;
        }
        return env == null ? property : env + " (or -D" + property + ")";
    }

    /** The value set for this server, blank values counting as unset; empty when neither is set and no default. */
    public Optional<String> value() {
        String v = property == null ? null : System.getProperty(property);
        if ((v == null || v.isBlank()) && env != null) {
            v = System.getenv(env);
        }
        if (v == null || v.isBlank()) {
            v = fallback;
        }
        return Optional.ofNullable(v).map(String::strip);
    }

    /** Whether the setting was set on this server (not only defaulted). */
    public boolean isSet() {
        String v = property == null ? null : System.getProperty(property);
        return (v != null && !v.isBlank()) || (env != null && System.getenv(env) != null
                && !System.getenv(env).isBlank());
    }

    /** The value as {@code true} or {@code false}. @throws ConfigurationException naming the setting otherwise */
    public boolean booleanValue() {
        String v = value().orElse("false");
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigurationException(label(), "must be true or false, not \"" + v + "\"");
    }

    /** The value as a time zone id ("Asia/Shanghai", "UTC"). @throws ConfigurationException naming the setting otherwise */
    public java.time.ZoneId zoneValue() {
        String v = value().orElseThrow(() -> new ConfigurationException(label(), "is required"));
        try {
            return java.time.ZoneId.of(v);
        } catch (java.time.DateTimeException e) {
            throw new ConfigurationException(label(), "must be a time zone such as Asia/Shanghai or UTC, not \"" + v
                    + "\"");
        }
    }

    /** The value as a fraction from 0 to 1. @throws ConfigurationException naming the setting otherwise */
    public double fractionValue() {
        String v = value().orElseThrow(() -> new ConfigurationException(label(), "is required"));
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new ConfigurationException(label(), "must be a fraction from 0 to 1 (0.05 is 5%), not \"" + v + "\"");
    }

    /** The value as a whole number of at least {@code min}. @throws ConfigurationException naming the setting otherwise */
    public long longValue(long min, String unit) {
        String v = value().orElseThrow(() -> new ConfigurationException(label(), "is required"));
        try {
            long n = Long.parseLong(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new ConfigurationException(label(), "must be a whole number of " + unit + " of at least " + min
                + ", not \"" + v + "\"");
    }
}
