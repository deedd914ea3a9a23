package org.flamesaudit.generation;

import org.flamesaudit.generation.anthropic.AnthropicConnector;
import org.flamesaudit.generation.openai.OpenAiChatClient;
import org.flamesaudit.generation.openai.OpenAiCompatibleConnector;
import org.flamesaudit.generation.replay.ReplayConnector;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ImportDirectories;
import org.flamesaudit.keys.Secrets;

import java.time.Duration;

/** Builds the connector a {@link TargetSpec} names, failing early with a message that says what to fix. */
public final class ConnectorFactory {

    private final Secrets secrets;

    public ConnectorFactory(Secrets secrets) {
        this.secrets = secrets;
    }

    public ModelConnector create(TargetSpec spec) {
        return switch (spec.connector()) {
            case OpenAiCompatibleConnector.TYPE -> new OpenAiCompatibleConnector(new OpenAiChatClient(
                    spec.baseUrl(), spec.model(), secrets.key(spec.apiKeyEnv(), spec.apiKeyAlias(), spec.baseUrl(), "target"),
                    spec.temperature(), spec.maxTokens(), Duration.ofSeconds(10),
                    Duration.ofSeconds(spec.timeoutSeconds() == null ? 120 : spec.timeoutSeconds()), spec.streams()));
            case AnthropicConnector.TYPE -> new AnthropicConnector(spec.baseUrl(), spec.model(),
                    secrets.key(spec.apiKeyEnv(), spec.apiKeyAlias(), spec.baseUrl(), "target"), spec.temperature(), spec.maxTokens(),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(spec.timeoutSeconds() == null ? 120 : spec.timeoutSeconds()), spec.streams());
            case ReplayConnector.TYPE -> new ReplayConnector(ImportDirectories.configured().require("target.file", spec.file()));
            default -> throw new ConfigurationException("target.connector", "unknown connector " + spec.connector());
        };
    }

    public static RetryPolicy retryPolicy(TargetSpec spec) {
        return RetryPolicy.DEFAULT.withMaxAttempts(spec.maxAttempts());
    }
}
