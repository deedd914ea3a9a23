package org.flamesaudit.keys;

import org.flamesaudit.support.ConfigurationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which of the server's environment variables a run may name as {@code apiKeyEnv}. Without it, anyone allowed to start
 * a run could have the server send any variable (the credential store's password, the database password, PATH) to an
 * endpoint as a bearer token.
 *
 * <p>Set by {@value #ENV} or {@code -D}{@value #PROPERTY}: a comma-separated list of variable names and prefixes ending
 * in {@code *}; the default is {@value #DEFAULT}. Whatever the setting, the server's own {@code FLAMES_} variables
 * (other than {@code FLAMES_KEY_*}) are never allowed, and a bare {@code *} is a configuration error.
 */
public final class KeyVariables {

    public static final String ENV = "FLAMES_API_KEY_VARIABLES";
    public static final String PROPERTY = "flames.keys.variables";
    public static final String DEFAULT = "FLAMES_KEY_*";
    private static final String KEY_PREFIX = "FLAMES_KEY_";

    private static volatile KeyVariables configured;

    private final List<String> names = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final String setting;

    /**
     * @param setting the comma-separated names and {@code PREFIX*} entries
     * @throws ConfigurationException naming {@value #PROPERTY} for an entry that is not a variable name or prefix,
     *                                or that would allow every variable
     */
    public KeyVariables(String setting) {
        this.setting = setting;
        for (String raw : setting.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            boolean prefix = entry.endsWith("*");
            String body = prefix ? entry.substring(0, entry.length() - 1) : entry;
            if (body.isEmpty()) {
                throw new ConfigurationException(PROPERTY, "'*' would let a run send every environment variable of the"
                        + " server (PATH, passwords) as an API key; list names or a prefix such as " + DEFAULT);
            }
            if (!body.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigurationException(PROPERTY, "\"" + entry + "\" is not an environment variable name or "
                        + "a prefix ending in '*'");
            }
            (prefix ? prefixes : names).add(body);
        }
    }

    /** Whether the environment variable a key reference names is set on this server (its value is never read here). */
    public static boolean isSet(String variable) {
        String v = System.getenv(variable);
        return v != null && !v.isEmpty();
    }

    /** This server's setting, read once per JVM. */
    public static KeyVariables configured() {
        KeyVariables v = configured;
        if (v == null) {
            v = new KeyVariables(org.flamesaudit.support.Setting.API_KEY_VARIABLES.value().orElse(DEFAULT));
            configured = v;
        }
        return v;
    }

    /**
     * Refuses a variable a run may not name.
     *
     * @param field the request field that named it ({@code target.apiKeyEnv})
     * @throws ConfigurationException naming {@code field}
     */
    public void check(String variable, String field) {
        if (reserved(variable)) {
            throw new ConfigurationException(field, variable + " is part of the server's own configuration and is "
                    + "never sent as an API key; put the key in a variable named " + KEY_PREFIX + "... or in the "
                    + "credential store (apiKeyAlias)");
        }
        if (!names.contains(variable) && prefixes.stream().noneMatch(variable::startsWith)) {
            throw new ConfigurationException(field, variable + " is not a variable the server allows as an API key ("
                    + describe() + "); name the key's variable " + KEY_PREFIX + "..., or have the server's operator "
                    + "add it to " + ENV);
        }
    }

    /** The server's own settings (credential store, database, broker, directories), whatever the list allows. */
    private static boolean reserved(String variable) {
        String upper = variable.toUpperCase(Locale.ROOT);
        return upper.startsWith("FLAMES_") && !upper.startsWith(KEY_PREFIX);
    }

    /** The setting as written, for messages and the admin's list. */
    public String describe() {
        return ENV + "=" + setting;
    }
}
