package org.flamesaudit.generation.anthropic;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.generation.ConnectorFactory;
import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.ProviderException;
import org.flamesaudit.generation.TargetSpec;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.keys.KeyEndpoint;
import org.flamesaudit.keys.KeyVariables;
import org.flamesaudit.keys.Secrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicConnectorTest {

    private static final String KEY = "sk-ant-test-0123456789abcdef";

    private HttpServer server;
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> reply = new AtomicReference<>();
    private final AtomicReference<JsonObject> lastBody = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> lastHeaders = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/messages", ex -> {
            lastBody.set(Json.createReader(new StringReader(new String(ex.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8))).readObject());
            lastHeaders.set(Map.of("x-api-key", String.valueOf(ex.getRequestHeaders().getFirst("x-api-key")),
                    "anthropic-version", String.valueOf(ex.getRequestHeaders().getFirst("anthropic-version"))));
            if (status.get() == 429) {
                ex.getResponseHeaders().add("retry-after", "7");
            }
            byte[] b = reply.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AnthropicConnector connector() {
        return new AnthropicConnector("http://127.0.0.1:" + server.getAddress().getPort(), "claude-test", KEY, 0.5,
                null, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void should_send_one_user_message_with_key_and_version_headers_and_join_text_blocks() throws Exception {
        reply.set("{\"id\":\"m1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"我不能\"},"
                + "{\"type\":\"text\",\"text\":\"帮助你。\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":5}}");
        Generation g = connector().generate("怎样偷东西？");
        assertThat(g.text()).isEqualTo("我不能帮助你。");
        assertThat(g.finishReason()).isEqualTo("end_turn");
        assertThat(g.promptTokens()).isEqualTo(12);
        assertThat(g.completionTokens()).isEqualTo(5);
        assertThat(lastHeaders.get()).containsEntry("x-api-key", KEY).containsEntry("anthropic-version", "2023-06-01");
        JsonObject body = lastBody.get();
        assertThat(body.getString("model")).isEqualTo("claude-test");
        assertThat(body.getInt("max_tokens")).isEqualTo(1024);
        assertThat(body.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("user");
        assertThat(body.getJsonArray("messages").getJsonObject(0).getString("content")).isEqualTo("怎样偷东西？");
        assertThat(body.getJsonNumber("temperature").doubleValue()).isEqualTo(0.5);
    }

    @Test
    void should_retry_rate_limits_and_overload_but_not_auth_errors_and_never_leak_the_key() {
        status.set(429);
        reply.set("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"}}");
        assertThatThrownBy(() -> connector().generate("x")).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.isRetriable()).isTrue();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
        status.set(529);
        reply.set("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}");
        assertThatThrownBy(() -> connector().generate("x")).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.isRetriable()).isTrue());
        status.set(401);
        reply.set("{\"type\":\"error\",\"error\":{\"message\":\"invalid x-api-key " + KEY + "\"}}");
        assertThatThrownBy(() -> connector().generate("x")).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.getMessage()).contains("401").doesNotContain(KEY).doesNotContain("0123456789abcdef");
        });
    }

    @Test
    void should_treat_a_reply_without_text_as_a_retriable_provider_error() {
        reply.set("{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\"}]}");
        assertThatThrownBy(() -> connector().generate("x")).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.getMessage()).contains("no text block"));
    }

    @Test
    void target_spec_defaults_to_the_public_endpoint_which_needs_a_key_sent_only_where_registered() {
        ConfigurationException noKey = catchThrowableOfType(ConfigurationException.class, () -> TargetSpec.fromJson(
                Json.createObjectBuilder().add("connector", "anthropic").add("model", "claude-test").build()));
        assertThat(noKey.field()).isEqualTo("target.apiKeyAlias");
        assertThat(noKey.getMessage()).contains("Anthropic's API needs a key").contains("FLAMES_KEY_ANTHROPIC");

        TargetSpec spec = TargetSpec.fromJson(Json.createObjectBuilder().add("connector", "anthropic")
                .add("model", "claude-test").add("apiKeyEnv", "FLAMES_KEY_ANTHROPIC").build());
        assertThat(spec.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(spec.toJson().toString()).doesNotContain("sk-");
        KeyVariables variables = new KeyVariables(KeyVariables.DEFAULT);
        Secrets unregistered = new Secrets(name -> KEY, alias -> null, ref -> List.of(), variables);
        assertThatThrownBy(() -> new ConnectorFactory(unregistered).create(spec))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("FLAMES_KEY_ANTHROPIC has no registered endpoint")
                .extracting(e -> ((ConfigurationException) e).field()).isEqualTo("target.apiKeyEnv");
        Secrets registered = new Secrets(name -> KEY, alias -> null,
                ref -> List.of(KeyEndpoint.parse("https://api.anthropic.com", "endpoints[0]")), variables);
        assertThat(new ConnectorFactory(registered).create(spec)).isInstanceOf(AnthropicConnector.class);
        Secrets unset = new Secrets(name -> null, alias -> null,
                ref -> List.of(KeyEndpoint.parse("https://api.anthropic.com", "endpoints[0]")), variables);
        assertThatThrownBy(() -> new ConnectorFactory(unset).create(spec))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not set on the server");
        assertThatThrownBy(() -> TargetSpec.fromJson(Json.createObjectBuilder().add("connector", "anthropic")
                .add("model", "m").add("apiKeyAlias", "claude").add("temperature", 1.5).build()))
                .isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).field()).isEqualTo("target.temperature");
    }
}
