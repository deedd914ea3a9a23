package org.flamesaudit.alert;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.JsonFields;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is told what about a run, as a run request or a schedule writes it under {@code "alerts"}:
 * <pre>{"webhook": {"url": "https://ci.example.com/hooks/flames", "apiKeyAlias": "flames-webhook",
 *               "on": ["completed", "halted", "gate-failed"]}}</pre>
 * The webhook receives a JSON body signed with HMAC-SHA256 under the key named by {@code apiKeyAlias} (credential
 * store) or {@code apiKeyEnv} (environment variable); like every key of the server it is used only toward endpoints
 * an admin registered for it, here the webhook's URL. {@code on} defaults to all three events.
 *
 * @param webhookUrl  the receiver, http or https
 * @param apiKeyEnv   the signing key's environment variable, or null
 * @param apiKeyAlias the signing key's credential-store alias, or null
 * @param on          the events that are sent
 */
public record AlertSpec(String webhookUrl, String apiKeyEnv, String apiKeyAlias, Set<AlertEvent> on) {

    /** @throws ConfigurationException naming {@code alerts.<field>}; null when {@code value} is absent */
    public static AlertSpec fromJson(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject o)) {
            throw new ConfigurationException("alerts", "must be an object such as {\"webhook\": {\"url\": ..., "
                    + "\"apiKeyAlias\": ...}}");
        }
        new JsonFields(o, "alerts").allowOnly("webhook");
        if (!(o.get("webhook") instanceof JsonObject w)) {
            throw new ConfigurationException("alerts.webhook", "is required: {\"url\", \"apiKeyAlias\" or "
                    + "\"apiKeyEnv\", \"on\"?}");
        }
        JsonFields named = new JsonFields(w, "alerts.webhook").allowOnly("url", "apiKeyAlias", "apiKeyEnv", "on");
        String url = named.requiredHttpUrl("url");
        String env = named.optionalEnvName("apiKeyEnv");
        String alias = named.optionalAlias("apiKeyAlias");
        if (env == null && alias == null) {
            throw new ConfigurationException("alerts.webhook.apiKeyAlias", "is required (or apiKeyEnv): every "
                    + "delivery is signed, so that the receiver can tell it came from this server");
        }
        named.atMostOne("apiKeyEnv", "apiKeyAlias");
        Set<AlertEvent> on = EnumSet.allOf(AlertEvent.class);
        JsonValue events = w.get("on");
        if (events != null && events.getValueType() != JsonValue.ValueType.NULL) {
            if (!(events instanceof JsonArray a) || a.isEmpty()) {
                throw new ConfigurationException("alerts.webhook.on", "must be a non-empty array of "
                        + AlertEvent.labels());
            }
            on = EnumSet.noneOf(AlertEvent.class);
            for (JsonValue e : a) {
                String label = e instanceof JsonString s ? s.getString() : String.valueOf(e);
                on.add(AlertEvent.fromLabel(label).orElseThrow(() -> new ConfigurationException("alerts.webhook.on",
                        "\"" + label + "\" is not one of " + AlertEvent.labels())));
            }
        }
        return new AlertSpec(url, env, alias, Set.copyOf(on));
    }

    public JsonObject toJson() {
        JsonObjectBuilder w = Json.createObjectBuilder().add("url", webhookUrl);
        if (apiKeyEnv != null) {
            w.add("apiKeyEnv", apiKeyEnv);
        }
        if (apiKeyAlias != null) {
            w.add("apiKeyAlias", apiKeyAlias);
        }
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (AlertEvent e : AlertEvent.values()) {
            if (on.contains(e)) {
                events.add(e.label());
            }
        }
        return Json.createObjectBuilder().add("webhook", w.add("on", events)).build();
    }
}
