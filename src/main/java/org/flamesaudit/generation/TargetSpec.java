package org.flamesaudit.generation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.generation.anthropic.AnthropicConnector;
import org.flamesaudit.generation.openai.OpenAiCompatibleConnector;
import org.flamesaudit.generation.replay.ReplayConnector;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.JsonFields;

/**
 * The model under test as a run describes it. Holds no secret: only the alias of the API key in the server's
 * credential store, or the name of the environment variable that holds it. Its JSON form is the snapshot stored with the run.
 */
public record TargetSpec(String connector, String baseUrl, String model, String apiKeyEnv, String apiKeyAlias,
                         Double temperature, Integer maxTokens, Integer timeoutSeconds, Integer maxAttempts,
                         String file, Boolean stream) {

    /** The fields of an HTTP target ({@code openai-compatible}, {@code anthropic}). */
    private static final java.util.Set<String> HTTP_FIELDS = java.util.Set.of("connector", "baseUrl", "model",
            "apiKeyEnv", "apiKeyAlias", "temperature", "maxTokens", "timeoutSeconds", "maxAttempts", "stream");

    public static TargetSpec fromJson(JsonObject json) {
        JsonFields f = new JsonFields(json, "target");
        // a misspelt field is named even before the connector is known ({"conector": "replay"})
        java.util.Set<String> all = new java.util.HashSet<>(HTTP_FIELDS);
        all.add("file");
        f.allowOnly(all);
        String connector = f.requiredString("connector");
        f.atMostOne("apiKeyEnv", "apiKeyAlias");
        switch (connector) {
            case OpenAiCompatibleConnector.TYPE -> {
                f.allowOnly(HTTP_FIELDS);
                return new TargetSpec(connector, f.requiredHttpUrl("baseUrl"), f.requiredString("model"),
                        f.optionalEnvName("apiKeyEnv"), f.optionalAlias("apiKeyAlias"),
                        f.optionalDouble("temperature", 0, 2),
                        f.optionalInt("maxTokens", 1, 1_000_000), f.optionalInt("timeoutSeconds", 1, 3600),
                        f.optionalInt("maxAttempts", 1, 20), null, f.optionalBoolean("stream"));
            }
            case AnthropicConnector.TYPE -> {
                f.allowOnly(HTTP_FIELDS);
                String env = f.optionalEnvName("apiKeyEnv");
                String alias = f.optionalAlias("apiKeyAlias");
                String baseUrl = f.optionalString("baseUrl") == null ? AnthropicConnector.DEFAULT_BASE_URL
                        : f.requiredHttpUrl("baseUrl");
                if (env == null && alias == null && baseUrl.equals(AnthropicConnector.DEFAULT_BASE_URL)) {
                    throw new ConfigurationException("target.apiKeyAlias", "Anthropic's API needs a key: name it with "
                            + "apiKeyAlias (a key in the server's credential store, registered for "
                            + AnthropicConnector.DEFAULT_BASE_URL + ") or apiKeyEnv (an allowed variable such as "
                            + "FLAMES_KEY_ANTHROPIC)");
                }
                return new TargetSpec(connector, baseUrl, f.requiredString("model"), env, alias,
                        f.optionalDouble("temperature", 0, 1),
                        f.optionalInt("maxTokens", 1, 1_000_000), f.optionalInt("timeoutSeconds", 1, 3600),
                        f.optionalInt("maxAttempts", 1, 20), null, f.optionalBoolean("stream"));
            }
            case ReplayConnector.TYPE -> {
                f.allowOnly("connector", "file");
                return new TargetSpec(connector, null, null, null, null, null, null, null, null,
                        f.requiredString("file"), null);
            }
            default -> throw new ConfigurationException("target.connector", "unknown connector \"" + connector
                    + "\"; use one of: " + OpenAiCompatibleConnector.TYPE + ", " + AnthropicConnector.TYPE + ", "
                    + ReplayConnector.TYPE);
        }
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("connector", connector);
        if (baseUrl != null) b.add("baseUrl", baseUrl);
        if (model != null) b.add("model", model);
        if (apiKeyEnv != null) b.add("apiKeyEnv", apiKeyEnv);
        if (apiKeyAlias != null) b.add("apiKeyAlias", apiKeyAlias);
        if (temperature != null) b.add("temperature", temperature);
        if (maxTokens != null) b.add("maxTokens", maxTokens);
        if (timeoutSeconds != null) b.add("timeoutSeconds", timeoutSeconds);
        if (maxAttempts != null) b.add("maxAttempts", maxAttempts);
        if (file != null) b.add("file", file);
        if (stream != null) b.add("stream", stream);
        return b.build();
    }

    /** Whether the target is called with {@code "stream": true} (server-sent events). */
    public boolean streams() {
        return Boolean.TRUE.equals(stream);
    }

    /** The API key this target names, or null when it names none. */
    public org.flamesaudit.keys.KeyReference keyReference() {
        return org.flamesaudit.keys.KeyReference.of(apiKeyEnv, apiKeyAlias);
    }

    /** A short human label of the target, e.g. {@code openai-compatible:qwen2-7b}. */
    public String label() {
        return connector + ":" + (model != null ? model : file);
    }
}
