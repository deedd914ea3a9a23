package org.flamesaudit.keys;

import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The rule that keeps keys where an admin put them: a key is released only for a registered endpoint, and only
 * from an allowed variable; the checks run before the key is read.
 */
class SecretsTest {

    private static final String DEEPSEEK = "https://api.deepseek.com/v1";
    private final List<String> read = new ArrayList<>();
    private final Map<String, String> environment = Map.of(
            "FLAMES_KEY_OPENAI", "sk-live-123",
            "FLAMES_KEY_BLANK", "   ",
            "FLAMES_CREDENTIAL_STORE_PASSWORD", "store-password",
            "PATH", "/usr/bin");
    private final Map<KeyReference, List<KeyEndpoint>> registered = Map.of(
            KeyReference.alias("deepseek"), List.of(KeyEndpoint.parse(DEEPSEEK, "e")),
            KeyReference.env("FLAMES_KEY_OPENAI"), List.of(KeyEndpoint.parse("https://api.openai.com/v1", "e")),
            KeyReference.env("FLAMES_KEY_BLANK"), List.of(KeyEndpoint.parse(DEEPSEEK, "e")),
            KeyReference.env("FLAMES_CREDENTIAL_STORE_PASSWORD"), List.of(KeyEndpoint.parse("http://evil.test", "e")),
            KeyReference.env("PATH"), List.of(KeyEndpoint.parse("http://evil.test", "e")));
    private final Secrets secrets = new Secrets(
            name -> { read.add("env:" + name); return environment.get(name); },
            alias -> { read.add("alias:" + alias); return Map.of("deepseek", "sk-store").get(alias); },
            ref -> registered.getOrDefault(ref, List.of()), new KeyVariables(KeyVariables.DEFAULT));

    @Test
    void a_key_is_released_for_its_registered_endpoints_and_below() {
        assertThat(secrets.key(null, "deepseek", DEEPSEEK, "target")).isEqualTo("sk-store");
        assertThat(secrets.key(null, "deepseek", DEEPSEEK + "/", "scorer")).isEqualTo("sk-store");
        assertThat(secrets.key(null, "deepseek", "https://API.DeepSeek.com:443/v1/beta", "target")).isEqualTo("sk-store");
        assertThat(secrets.key("FLAMES_KEY_OPENAI", null, "https://api.openai.com/v1", "scorer")).isEqualTo("sk-live-123");
        assertThat(secrets.key(null, null, "http://anywhere.test/v1", "target")).as("no key named").isNull();
    }

    @Test
    void a_key_is_never_released_for_another_endpoint_and_is_not_even_read() {
        for (String elsewhere : List.of("http://attacker.test/v1", "http://api.deepseek.com/v1",
                "https://api.deepseek.com:8443/v1", "https://api.deepseek.com/v1evil", "https://api.deepseek.com/",
                "https://api.deepseek.com.attacker.test/v1", "https://attacker.test/api.deepseek.com/v1")) {
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> secrets.key(null, "deepseek", elsewhere, "target"));
            assertThat(e).as(elsewhere).isNotNull();
            assertThat(e.field()).isEqualTo("target.baseUrl");
            assertThat(e.getMessage()).contains("is not an endpoint registered for key alias \"deepseek\"")
                    .contains("registered: https://api.deepseek.com:443/v1")
                    .contains("PUT /api/secrets/deepseek/endpoints").doesNotContain("sk-store");
        }
        assertThat(read).isEmpty();
    }

    @Test
    void urls_that_hide_their_real_destination_are_refused() {
        for (String tricky : List.of("https://api.deepseek.com@attacker.test/v1", "https://api.deepseek.com/v1/../../x",
                "https://api.deepseek.com/v1/%2e%2e/x", "https://api.deepseek.com/v1%2F..%2Fx",
                "https://api.deepseek.com/v1?u=http://attacker.test", "https://api.deepseek.com/v1#x", "file:///etc/passwd",
                "https://api.deepseek.com/v1/./chat", "https://api.deepseek.com//v1",
                "https://api.deepseek.com/v1/..;/other", "https://api.deepseek.com/v1/%252e%252e/other",
                "https://api.deepseek.com/v1/.;/x")) {
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> secrets.key(null, "deepseek", tricky, "scorer"));
            assertThat(e).as(tricky).isNotNull();
            assertThat(e.field()).as(tricky).isEqualTo("scorer.baseUrl");
        }
        assertThat(read).isEmpty();
    }

    @Test
    void only_allowed_variables_may_be_named_and_the_servers_own_never() {
        ConfigurationException store = catchThrowableOfType(ConfigurationException.class,
                () -> secrets.key("FLAMES_CREDENTIAL_STORE_PASSWORD", null, "http://evil.test", "target"));
        assertThat(store.field()).isEqualTo("target.apiKeyEnv");
        assertThat(store).hasMessageContaining("part of the server's own configuration");
        ConfigurationException path = catchThrowableOfType(ConfigurationException.class,
                () -> secrets.key("PATH", null, "http://evil.test", "scorer"));
        assertThat(path.field()).isEqualTo("scorer.apiKeyEnv");
        assertThat(path).hasMessageContaining("PATH is not a variable the server allows as an API key "
                + "(FLAMES_API_KEY_VARIABLES=FLAMES_KEY_*)");
        assertThat(read).isEmpty();
    }

    @Test
    void a_key_without_registered_endpoints_is_sent_nowhere() {
        Secrets bare = new Secrets(environment::get, alias -> "sk-store", ref -> List.of(),
                new KeyVariables(KeyVariables.DEFAULT));
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> bare.key(null, "qwen", DEEPSEEK, "scorer"));
        assertThat(e.field()).isEqualTo("scorer.apiKeyAlias");
        assertThat(e).hasMessage("scorer.apiKeyAlias: key alias \"qwen\" has no registered endpoint, so it is sent "
                + "nowhere; an admin registers the endpoints it may be sent to (console: API keys, or "
                + "PUT /api/secrets/qwen/endpoints)");
        ConfigurationException env = catchThrowableOfType(ConfigurationException.class,
                () -> bare.key("FLAMES_KEY_OPENAI", null, DEEPSEEK, "target"));
        assertThat(env.field()).isEqualTo("target.apiKeyEnv");
        assertThat(env).hasMessageContaining("PUT /api/secrets/env/FLAMES_KEY_OPENAI/endpoints");
    }

    @Test
    void a_registered_key_that_is_not_set_names_its_field() {
        ConfigurationException unset = catchThrowableOfType(ConfigurationException.class,
                () -> secrets.key("FLAMES_KEY_BLANK", null, DEEPSEEK, "scorer"));
        assertThat(unset.field()).isEqualTo("scorer.apiKeyEnv");
        assertThat(unset).hasMessage("scorer.apiKeyEnv: environment variable FLAMES_KEY_BLANK is not set on the "
                + "server; export it before starting WildFly (e.g. export FLAMES_KEY_BLANK=...) or omit "
                + "scorer.apiKeyEnv for an endpoint without authentication");
        Secrets removed = new Secrets(environment::get, alias -> null,
                ref -> List.of(KeyEndpoint.parse(DEEPSEEK, "e")), new KeyVariables(KeyVariables.DEFAULT));
        ConfigurationException gone = catchThrowableOfType(ConfigurationException.class,
                () -> removed.key(null, "qwen", DEEPSEEK, "scorer"));
        assertThat(gone.field()).isEqualTo("scorer.apiKeyAlias");
        assertThat(gone).hasMessage("scorer.apiKeyAlias: the credential store has no key with alias \"qwen\"; an admin "
                + "sets it with PUT /api/secrets/qwen (or wildfly-config/secrets.sh set qwen)");
    }

    @Test
    void a_server_without_credential_store_names_the_field() {
        Secrets noStore = new Secrets(environment::get, alias -> {
            throw new ConfigurationException(null, "no credential store is configured");
        }, ref -> List.of(KeyEndpoint.parse(DEEPSEEK, "e")), new KeyVariables(KeyVariables.DEFAULT));
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> noStore.key(null, "deepseek", DEEPSEEK, "target"));
        assertThat(e.field()).isEqualTo("target.apiKeyAlias");
    }
}
