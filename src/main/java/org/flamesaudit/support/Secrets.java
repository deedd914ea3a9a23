package org.flamesaudit.support;

import java.util.function.UnaryOperator;

/**
 * Resolves API keys from the server's environment by the variable NAME a run stores. The key itself is never stored,
 * logged or returned. A named variable that is not set is a configuration error, raised before any call is made.
 */
public final class Secrets {

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> credentialStore;

    public Secrets(UnaryOperator<String> environment) {
        this(environment, alias -> {
            throw new ConfigurationException(null, "no credential store is configured");
        });
    }

    public Secrets(UnaryOperator<String> environment, UnaryOperator<String> credentialStore) {
        this.environment = environment;
        this.credentialStore = credentialStore;
    }

    /** This server's keys: its environment and its credential store ({@link CredentialStoreKeys#shared()}). */
    public static Secrets ofThisServer() {
        return new Secrets(System::getenv, alias -> CredentialStoreKeys.shared().retrieve(alias));
    }

    /**
     * The key a target or scorer names by alias ({@code <prefix>.apiKeyAlias}) or by environment variable
     * ({@code <prefix>.apiKeyEnv}); null when it names none.
     */
    public String key(String variableName, String alias, String prefix) {
        if (alias == null) {
            return resolve(variableName, prefix + ".apiKeyEnv");
        }
        String field = prefix + ".apiKeyAlias";
        String value;
        try {
            value = credentialStore.apply(alias);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(field, e.getMessage());
        }
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(field, "the credential store has no key with alias \"" + alias
                    + "\"; an admin sets it with PUT /api/secrets/" + alias + " (or wildfly-config/secrets.sh set "
                    + alias + ")");
        }
        return value;
    }

    /** The key, or null when no variable is named (endpoints without authentication, such as a local vLLM). */
    public String resolve(String variableName, String field) {
        if (variableName == null) {
            return null;
        }
        String value = environment.apply(variableName);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(field, "environment variable " + variableName
                    + " is not set on the server; export it before starting WildFly (e.g. export "
                    + variableName + "=...) or omit " + field + " for an endpoint without authentication");
        }
        return value;
    }
}
