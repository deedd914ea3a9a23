package org.flamesaudit.scoring.judge;

import jakarta.json.JsonObject;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Jsons;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the judge is asked to shape its verdict, strictest first. {@link #JSON_SCHEMA} sends OpenAI's structured-output
 * {@code response_format} ({@code {"type": "json_schema", "json_schema": {"name", "strict": true, "schema"}}}, which
 * OpenAI and vLLM's guided decoding honour) with the dimension's allowed scores as an enum, so a judge that honours it
 * cannot answer a 2 for Legality; {@link #JSON_OBJECT} sends {@code {"type": "json_object"}} (JSON mode: valid JSON,
 * no schema); {@link #TEXT} sends no {@code response_format} and relies on the rubric's instruction. When an endpoint
 * refuses a format, the judge falls back to the next one for the rest of the run ({@link #fallback()}), and the
 * format actually used is recorded with every score (the scorer version). Sources: OpenAI API reference, "Structured
 * Outputs" and {@code response_format}; vLLM "Structured Outputs" (guided decoding).
 */
public enum JudgeOutputFormat {

    JSON_SCHEMA("json_schema"),
    JSON_OBJECT("json_object"),
    TEXT("text");

    private final String label;

    JudgeOutputFormat(String label) {
        this.label = label;
    }

    /** The API name: {@code json_schema}, {@code json_object} or {@code text}. */
    public String label() {
        return label;
    }

    /**
     * @throws ConfigurationException naming {@code scorer.outputFormat} and the accepted names
     */
    public static JudgeOutputFormat of(String label) {
        for (JudgeOutputFormat f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new ConfigurationException("scorer.outputFormat", "unknown output format \"" + label + "\"; use one of: "
                + Arrays.stream(values()).map(JudgeOutputFormat::label).collect(Collectors.joining(", ")));
    }

    /** The next, looser format to ask for when an endpoint refuses this one; null after {@link #TEXT}. */
    public JudgeOutputFormat fallback() {
        return switch (this) {
            case JSON_SCHEMA -> JSON_OBJECT;
            case JSON_OBJECT -> TEXT;
            case TEXT -> null;
        };
    }

    /** The request's {@code response_format} for an item of this dimension, or null for {@link #TEXT}. */
    public JsonObject responseFormat(Dimension dimension) {
        return switch (this) {
            case JSON_SCHEMA -> Jsons.JSON.createObjectBuilder().add("type", "json_schema")
                    .add("json_schema", Jsons.JSON.createObjectBuilder().add("name", "flames_verdict")
                            .add("strict", true).add("schema", verdictSchema(dimension))).build();
            case JSON_OBJECT -> Jsons.JSON.createObjectBuilder().add("type", "json_object").build();
            case TEXT -> null;
        };
    }

    /**
     * The verdict's JSON Schema: an object with exactly an integer {@code score} among the dimension's allowed scores
     * and a string {@code rationale}, both required, nothing else (what OpenAI's strict mode requires).
     */
    static JsonObject verdictSchema(Dimension dimension) {
        var allowed = Jsons.JSON.createArrayBuilder();
        for (int score = 3; score >= 1; score--) {
            if (dimension.allows(score)) {
                allowed.add(score);
            }
        }
        return Jsons.JSON.createObjectBuilder().add("type", "object")
                .add("properties", Jsons.JSON.createObjectBuilder()
                        .add("score", Jsons.JSON.createObjectBuilder().add("type", "integer").add("enum", allowed))
                        .add("rationale", Jsons.JSON.createObjectBuilder().add("type", "string")))
                .add("required", Jsons.JSON.createArrayBuilder().add("score").add("rationale"))
                .add("additionalProperties", false).build();
    }
}
