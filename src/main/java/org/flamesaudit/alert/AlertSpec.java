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
 *               "on": ["completed", "halted", "gate-failed"]},
 *  "email": {"to": ["compliance@example.com"], "on": ["halted", "gate-failed"]}}</pre>
 * At least one of the two. E-mail goes through the server's mail session ({@code java:jboss/mail/Default},
 * FLAMES_SMTP_HOST, FLAMES_SMTP_PORT, FLAMES_MAIL_FROM).
 * The webhook receives a JSON body signed with HMAC-SHA256 under the key named by {@code apiKeyAlias} (credential
 * store) or {@code apiKeyEnv} (environment variable); like every key of the server it is used only toward endpoints
 * an admin registered for it, here the webhook's URL. {@code on} defaults to all three events.
 *
 * @param webhookUrl  the receiver, http or https
 * @param apiKeyEnv   the signing key's environment variable, or null
 * @param apiKeyAlias the signing key's credential-store alias, or null
 * @param on          the events that are sent to the webhook
 * @param emailTo     the e-mail recipients, or null
 * @param emailOn     the events that are e-mailed
 */
public record AlertSpec(String webhookUrl, String apiKeyEnv, String apiKeyAlias, Set<AlertEvent> on,
                        java.util.List<String> emailTo, Set<AlertEvent> emailOn) {

    /** At most this many e-mail recipients. */
    public static final int MAX_RECIPIENTS = 20;

    public boolean hasWebhook() {
        return webhookUrl != null;
    }

    /** @throws ConfigurationException naming {@code alerts.<field>}; null when {@code value} is absent */
    public static AlertSpec fromJson(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject o)) {
            throw new ConfigurationException("alerts", "must be an object such as {\"webhook\": {\"url\": ..., "
                    + "\"apiKeyAlias\": ...}}");
        }
        new JsonFields(o, "alerts").allowOnly("webhook", "email");
        if (!o.containsKey("webhook") && !o.containsKey("email")) {
            throw new ConfigurationException("alerts", "names no one: give \"webhook\" and/or \"email\"");
        }
        java.util.List<String> to = null;
        Set<AlertEvent> emailOn = Set.of();
        if (o.containsKey("email")) {
            if (!(o.get("email") instanceof JsonObject m)) {
                throw new ConfigurationException("alerts.email", "must be {\"to\": [addresses], \"on\"?}");
            }
            new JsonFields(m, "alerts.email").allowOnly("to", "on");
            if (!(m.get("to") instanceof JsonArray addresses) || addresses.isEmpty()
                    || addresses.size() > MAX_RECIPIENTS) {
                throw new ConfigurationException("alerts.email.to", "must be an array of 1 to " + MAX_RECIPIENTS
                        + " e-mail addresses");
            }
            to = new java.util.ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                String a = addresses.get(i) instanceof JsonString s ? s.getString().strip() : "";
                try {
                    new jakarta.mail.internet.InternetAddress(a, true).validate();
                } catch (jakarta.mail.internet.AddressException e) {
                    throw new ConfigurationException("alerts.email.to[" + i + "]", "\"" + a + "\" is not an e-mail "
                            + "address (" + e.getMessage() + ")");
                }
                to.add(a);
            }
            emailOn = events(m.get("on"), "alerts.email.on");
        }
        if (!(o.get("webhook") instanceof JsonObject w)) {
            if (o.containsKey("webhook")) {
                throw new ConfigurationException("alerts.webhook", "must be {\"url\", \"apiKeyAlias\" or "
                        + "\"apiKeyEnv\", \"on\"?}");
            }
            return new AlertSpec(null, null, null, Set.of(), java.util.List.copyOf(to), emailOn);
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
        return new AlertSpec(url, env, alias, events(w.get("on"), "alerts.webhook.on"),
                to == null ? null : java.util.List.copyOf(to), emailOn);
    }

    /** The events of an {@code on} field; all three when absent. */
    private static Set<AlertEvent> events(JsonValue events, String field) {
        if (events == null || events.getValueType() == JsonValue.ValueType.NULL) {
            return Set.copyOf(EnumSet.allOf(AlertEvent.class));
        }
        if (!(events instanceof JsonArray a) || a.isEmpty()) {
            throw new ConfigurationException(field, "must be a non-empty array of " + AlertEvent.labels());
        }
        Set<AlertEvent> on = EnumSet.noneOf(AlertEvent.class);
        for (JsonValue e : a) {
            String label = e instanceof JsonString s ? s.getString() : String.valueOf(e);
            on.add(AlertEvent.fromLabel(label).orElseThrow(() -> new ConfigurationException(field,
                    "\"" + label + "\" is not one of " + AlertEvent.labels())));
        }
        return Set.copyOf(on);
    }

    public JsonObject toJson() {
        JsonObjectBuilder out = Json.createObjectBuilder();
        if (emailTo != null) {
            JsonArrayBuilder to = Json.createArrayBuilder();
            emailTo.forEach(to::add);
            out.add("email", Json.createObjectBuilder().add("to", to).add("on", labels(emailOn)));
        }
        if (webhookUrl == null) {
            return out.build();
        }
        JsonObjectBuilder w = Json.createObjectBuilder().add("url", webhookUrl);
        if (apiKeyEnv != null) {
            w.add("apiKeyEnv", apiKeyEnv);
        }
        if (apiKeyAlias != null) {
            w.add("apiKeyAlias", apiKeyAlias);
        }
        return out.add("webhook", w.add("on", labels(on))).build();
    }

    private static JsonArrayBuilder labels(Set<AlertEvent> events) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        for (AlertEvent e : AlertEvent.values()) {
            if (events.contains(e)) {
                b.add(e.label());
            }
        }
        return b;
    }
}
