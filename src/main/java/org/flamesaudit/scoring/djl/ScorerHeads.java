package org.flamesaudit.scoring.djl;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Sha256;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded scorer's trained heads: one shared head ({@value #SHARED}) and a head of its own for each dimension
 * that had enough labeled rows, with the card that says what they were trained on and how well they did in
 * cross-validation. Stored as one JSON document; its SHA-256 is part of the scorer's key.
 */
public record ScorerHeads(String encoder, String encoderSha256, int maxTokens, Map<String, LinearHead> heads,
                          JsonObject card, String sha256) {

    public static final String SHARED = "all";
    public static final String FORMAT = "flames-audit-heads/1";

    /** The head that scores answers of this dimension: its own, else the shared one. */
    public String headFor(Dimension dimension) {
        return heads.containsKey(dimension.label()) ? dimension.label() : SHARED;
    }

    public LinearHead head(String name) {
        return heads.get(name);
    }

    public JsonObject toJson() {
        JsonObjectBuilder hs = Json.createObjectBuilder();
        heads.forEach((name, head) -> {
            JsonArrayBuilder w = Json.createArrayBuilder();
            for (float f : head.weights()) {
                w.add((double) f);
            }
            hs.add(name, Json.createObjectBuilder().add("bias", (double) head.bias()).add("weights", w));
        });
        return Json.createObjectBuilder()
                .add("format", FORMAT)
                .add("encoder", encoder)
                .add("encoderSha256", encoderSha256)
                .add("maxTokens", maxTokens)
                .add("card", card)
                .add("heads", hs)
                .build();
    }

    public static ScorerHeads fromJson(String text, String source) {
        JsonObject json;
        try (var reader = Json.createReader(new java.io.StringReader(text))) {
            json = reader.readObject();
        } catch (RuntimeException e) {
            throw new ConfigurationException("scorer.heads", source + " is not a JSON object: " + e.getMessage());
        }
        if (!FORMAT.equals(json.getString("format", null))) {
            throw new ConfigurationException("scorer.heads", source + " is not a heads file of format " + FORMAT);
        }
        Map<String, LinearHead> heads = new LinkedHashMap<>();
        int width = -1;
        for (Map.Entry<String, JsonValue> e : json.getJsonObject("heads").entrySet()) {
            if (!SHARED.equals(e.getKey()) && Dimension.fromLabel(e.getKey()).isEmpty()) {
                throw new ConfigurationException("scorer.heads", source + ": head \"" + e.getKey()
                        + "\" is neither \"" + SHARED + "\" nor a Flames dimension " + Dimension.labels());
            }
            JsonObject h = e.getValue().asJsonObject();
            JsonArray w = h.getJsonArray("weights");
            float[] weights = new float[w.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) ((JsonNumber) w.get(i)).doubleValue();
            }
            if (width >= 0 && width != weights.length) {
                throw new ConfigurationException("scorer.heads", source + ": head \"" + e.getKey() + "\" has "
                        + weights.length + " weights, the others " + width);
            }
            width = weights.length;
            heads.put(e.getKey(), new LinearHead(weights, (float) h.getJsonNumber("bias").doubleValue()));
        }
        if (!heads.containsKey(SHARED)) {
            throw new ConfigurationException("scorer.heads", source + " has no shared head \"" + SHARED + "\"");
        }
        return new ScorerHeads(json.getString("encoder"), json.getString("encoderSha256"), json.getInt("maxTokens"),
                heads, json.getJsonObject("card"), Sha256.of(text));
    }
}
