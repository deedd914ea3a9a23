package org.flamesaudit.support;

import java.util.function.UnaryOperator;

/**
 * Resolves API keys from the server's environment by the variable NAME a run stores. The key itself is never stored,
 * logged or returned. A named variable that is not set is a configuration error, raised before any call is made.
 */
public final class Secrets {

    private final UnaryOperator<String> environment;

    public Secrets(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public static Secrets fromSystemEnvironment() {
        return new Secrets(System::getenv);
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
