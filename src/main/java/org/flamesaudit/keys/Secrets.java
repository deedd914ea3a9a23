package org.flamesaudit.keys;

import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.HttpUrls;

import java.net.URI;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Releases an API key for one destination, and only if an admin registered that destination for the key. A run,
 * schedule or judge stores only how it names its key ({@link KeyReference}: an alias in the credential store or an
 * allowed environment variable) and the base URL it calls; every connector and scorer gets its key through
 * {@link #key}, so no code path can send a key elsewhere. The key itself is never stored, logged or returned.
 *
 * <p>Checked, in this order, before the key is read: an environment variable must be allowed ({@link KeyVariables});
 * the key must have registered endpoints; the base URL must match one of them ({@link KeyEndpoint#matches}).
 */
public final class Secrets {

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> credentialStore;
    private final Function<KeyReference, List<KeyEndpoint>> endpoints;
    private final KeyVariables variables;

    /**
     * @param environment     reads an environment variable (null when unset)
     * @param credentialStore reads a key by alias (null when absent)
     * @param endpoints       the endpoints registered for a key (empty when none)
     * @param variables       which environment variables may hold keys
     */
    public Secrets(UnaryOperator<String> environment, UnaryOperator<String> credentialStore,
                   Function<KeyReference, List<KeyEndpoint>> endpoints, KeyVariables variables) {
        this.environment = environment;
        this.credentialStore = credentialStore;
        this.endpoints = endpoints;
        this.variables = variables;
    }

    /** This server's keys: its environment, its credential store, the registered endpoints and its variable setting. */
    public static Secrets ofThisServer(Function<KeyReference, List<KeyEndpoint>> endpoints) {
        return new Secrets(System::getenv, alias -> CredentialStoreKeys.shared().retrieve(alias), endpoints,
                KeyVariables.configured());
    }

    /**
     * The key a target or scorer names ({@code <prefix>.apiKeyAlias} or {@code <prefix>.apiKeyEnv}), released for
     * {@code baseUrl} only; null when it names none (an endpoint without authentication, such as a local vLLM).
     *
     * @param prefix {@code target} or {@code scorer}, for the field a message names
     * @throws ConfigurationException naming the field at fault: the variable is not allowed, the key has no
     *                                registered endpoint or {@code <prefix>.baseUrl} is not one of them, or the key is
     *                                not set
     */
    public String key(String apiKeyEnv, String apiKeyAlias, String baseUrl, String prefix) {
        KeyReference ref = KeyReference.of(apiKeyEnv, apiKeyAlias);
        if (ref == null) {
            return null;
        }
        checkDestination(ref, baseUrl, prefix);
        String field = prefix + "." + ref.kind().field();
        String key = ref.kind() == KeyReference.Kind.ALIAS ? fromStore(ref.name(), field)
                : fromEnvironment(ref.name(), field);
        if (key.length() < CredentialStoreKeys.MIN_SECRET) {
            throw new ConfigurationException(field, ref.describe() + " holds a key shorter than "
                    + CredentialStoreKeys.MIN_SECRET + " characters, which is not a provider's key (and could not be "
                    + "kept out of provider messages); set the real key");
        }
        return key;
    }

    /**
     * The checks of {@link #key} that do not read the key: whether {@code ref} may be sent to {@code baseUrl}.
     *
     * @throws ConfigurationException as {@link #key} does
     */
    public void checkDestination(KeyReference ref, String baseUrl, String prefix) {
        String keyField = prefix + "." + ref.kind().field();
        if (ref.kind() == KeyReference.Kind.ENV) {
            variables.check(ref.name(), keyField);
        }
        List<KeyEndpoint> allowed = endpoints.apply(ref);
        if (allowed.isEmpty()) {
            throw new ConfigurationException(keyField, ref.describe() + " has no registered endpoint, so it is sent "
                    + "nowhere; an admin registers the endpoints it may be sent to (console: API keys, or "
                    + ref.registerHint() + ")");
        }
        URI destination = HttpUrls.strict(baseUrl, prefix + ".baseUrl");
        if (allowed.stream().noneMatch(e -> e.matches(destination))) {
            throw new ConfigurationException(prefix + ".baseUrl", baseUrl + " is not an endpoint registered for "
                    + ref.describe() + " (registered: " + allowed.stream().map(KeyEndpoint::toString)
                    .collect(Collectors.joining(", ")) + "); the key is sent only there. Use a registered endpoint, "
                    + "or have an admin register this one (console: API keys, or " + ref.registerHint() + ")");
        }
    }

    private String fromStore(String alias, String field) {
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

    private String fromEnvironment(String variableName, String field) {
        String value = environment.apply(variableName);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(field, "environment variable " + variableName
                    + " is not set on the server; export it before starting WildFly (e.g. export "
                    + variableName + "=...) or omit " + field + " for an endpoint without authentication");
        }
        return value;
    }
}
