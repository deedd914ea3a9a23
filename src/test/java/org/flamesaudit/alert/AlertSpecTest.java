package org.flamesaudit.alert;

import jakarta.json.Json;
import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertSpecTest {

    private static AlertSpec spec(String json) {
        return AlertSpec.fromJson(Json.createReader(new java.io.StringReader(json)).readObject());
    }

    @Test
    void aWebhookAndRecipientsRoundTripAndEveryMistakeIsNamed() {
        AlertSpec s = spec("{\"webhook\": {\"url\": \"https://ci.example.com/hook\", \"apiKeyAlias\": \"hook\"},"
                + " \"email\": {\"to\": [\"a@example.com\"], \"on\": [\"gate-failed\"]}}");
        assertThat(s.on()).containsExactlyInAnyOrder(AlertEvent.values());
        assertThat(s.emailOn()).containsExactly(AlertEvent.GATE_FAILED);
        assertThat(spec(s.toJson().toString())).isEqualTo(s);
        assertThat(s.toJson().toString()).isEqualTo("{\"email\":{\"to\":[\"a@example.com\"],\"on\":[\"gate-failed\"]},"
                + "\"webhook\":{\"url\":\"https://ci.example.com/hook\",\"apiKeyAlias\":\"hook\",\"on\":[\"completed\","
                + "\"halted\",\"gate-failed\"]}}");
        assertThatThrownBy(() -> spec("{}")).isInstanceOf(ConfigurationException.class).hasMessageContaining("names no one");
        assertThatThrownBy(() -> spec("{\"email\": {\"to\": [\"not an address\"]}}"))
                .hasMessageContaining("alerts.email.to[0]");
        assertThatThrownBy(() -> spec("{\"webhook\": {\"url\": \"https://x.example.com/h\"}}"))
                .hasMessageContaining("alerts.webhook.apiKeyAlias");
        assertThatThrownBy(() -> spec("{\"webhook\": {\"url\": \"https://x.example.com/h\", \"apiKeyAlias\": \"k\", "
                + "\"on\": [\"done\"]}}")).hasMessageContaining("alerts.webhook.on").hasMessageContaining("\"done\"");
        assertThatThrownBy(() -> spec("{\"sms\": {}}")).hasMessageContaining("sms");
    }

    @Test
    void theSignatureIsTheHmacSha256OfTheBody() throws Exception {
        byte[] body = "{\"event\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
        // RFC 4231-style check with the JDK's own Mac, independently of WebhookDelivery
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(WebhookDelivery.signature("key", body)).isEqualTo("sha256="
                + java.util.HexFormat.of().formatHex(mac.doFinal(body)));
        // the well-known HMAC-SHA256 of "The quick brown fox jumps over the lazy dog" under "key"
        assertThat(WebhookDelivery.signature("key", "The quick brown fox jumps over the lazy dog"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(
                "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assertThat(new WebhookDelivery("https://x", "sekrit", AlertEvent.COMPLETED, "1", body).toString())
                .doesNotContain("sekrit");
    }
}
