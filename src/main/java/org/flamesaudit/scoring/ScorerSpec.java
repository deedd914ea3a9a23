package org.flamesaudit.scoring;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.scoring.imported.ImportedScorer;
import org.flamesaudit.scoring.judge.JudgeOutputFormat;
import org.flamesaudit.scoring.judge.LlmJudgeScorer;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.JsonFields;

/** The scorer as a run describes it; no secrets, only the alias of the API key in the credential
 * store or the name of its environment variable. */
public record ScorerSpec(String type, String baseUrl, String model, String apiKeyEnv, String apiKeyAlias,
                         Integer timeoutSeconds, Integer maxAttempts, Integer batchSize, String file, Long heads,
                         Boolean stream, String outputFormat, Integer seed) {

    /** The judge's sampling seed when the run names none: any fixed value makes repeated runs comparable. */
    public static final int DEFAULT_SEED = 42;

    /** Every field some scorer type defines; each type then allows only its own. */
    private static final java.util.Set<String> ALL_FIELDS = java.util.Set.of("type", "baseUrl", "model", "apiKeyEnv",
            "apiKeyAlias", "timeoutSeconds", "maxAttempts", "batchSize", "stream", "file", "heads", "outputFormat", "seed");

    public static ScorerSpec fromJson(JsonObject json) {
        JsonFields f = new JsonFields(json, "scorer");
        // a misspelt field is named even before the type is known ({"typ": "djl"})
        f.allowOnly(ALL_FIELDS);
        String type = f.requiredString("type");
        f.atMostOne("apiKeyEnv", "apiKeyAlias");
        Integer batch = f.optionalInt("batchSize", 1, 1024);
        return switch (type) {
            case LlmJudgeScorer.TYPE -> new ScorerSpec(type, f.allowOnly("type", "baseUrl", "model", "apiKeyEnv",
                    "apiKeyAlias", "timeoutSeconds", "maxAttempts", "batchSize", "stream", "outputFormat", "seed")
                    .requiredHttpUrl("baseUrl"),
                    f.requiredString("model"), f.optionalEnvName("apiKeyEnv"), f.optionalAlias("apiKeyAlias"),
                    f.optionalInt("timeoutSeconds", 1, 3600),
                    f.optionalInt("maxAttempts", 1, 20), batch, null, null, f.optionalBoolean("stream"),
                    outputFormat(f.optionalString("outputFormat")), f.optionalInt("seed", 0, Integer.MAX_VALUE));
            case ImportedScorer.TYPE -> new ScorerSpec(type, null, null, null, null, null, null, batch,
                    f.allowOnly("type", "file", "batchSize").requiredString("file"), null, null, null, null);
            case DJL -> djl(f.allowOnly("type", "model", "heads", "batchSize"), batch);
            default -> throw new ConfigurationException("scorer.type", "unknown scorer \"" + type
                    + "\"; use one of: " + DJL + ", " + LlmJudgeScorer.TYPE + ", " + ImportedScorer.TYPE);
        };
    }

    /**
     * The in-process scorer bean ({@code djl}); its {@code model} is {@value #EMBEDDED}, the offline scorer bundled
     * with the application and the default scorer of a run that names none, or the directory of a Flames scorer
     * converted by {@code convert.py} (inside an import directory).
     */
    public static final String DJL = "djl";
    public static final String EMBEDDED = "embedded";
    public static final ScorerSpec DEFAULT = new ScorerSpec(DJL, null, EMBEDDED, null, null, null, null, null, null,
            null, null, null, null);

    /** {@code heads}: the id of heads trained by the scorer-train job, for the embedded model only. */
    private static ScorerSpec djl(JsonFields f, Integer batch) {
        String model = djlModel(f.optionalString("model"));
        Integer heads = f.optionalInt("heads", 1, Integer.MAX_VALUE);
        if (heads != null && !EMBEDDED.equals(model)) {
            throw new ConfigurationException("scorer.heads", "trained heads go with the embedded model only");
        }
        return new ScorerSpec(DJL, null, model, null, null, null, null, batch, null, heads == null ? null : heads.longValue(),
                null, null, null);
    }

    /** {@value #EMBEDDED}, or the directory of a converted Flames scorer (checked when the scorer is built). */
    private static String djlModel(String model) {
        return model == null || model.isBlank() ? EMBEDDED : model.strip();
    }

    /** Whether this is the djl scorer with the embedded model (otherwise a converted Flames scorer's directory). */
    public boolean isEmbedded() {
        return DJL.equals(type) && EMBEDDED.equals(model);
    }

    /** The judge's output format as the run names it (checked), or null for the default. */
    private static String outputFormat(String name) {
        return name == null ? null : JudgeOutputFormat.of(name).label();
    }

    /** The format the judge asks for first: {@code outputFormat}, {@code json_schema} when the run names none. */
    public JudgeOutputFormat effectiveOutputFormat() {
        return outputFormat == null ? JudgeOutputFormat.JSON_SCHEMA : JudgeOutputFormat.of(outputFormat);
    }

    /** The judge's seed: {@code seed}, {@value #DEFAULT_SEED} when the run names none. */
    public int effectiveSeed() {
        return seed == null ? DEFAULT_SEED : seed;
    }

    /** Whether the judge is called with {@code "stream": true} (server-sent events). */
    public boolean streams() {
        return Boolean.TRUE.equals(stream);
    }

    /** The API key this scorer names, or null when it names none. */
    public org.flamesaudit.keys.KeyReference keyReference() {
        return org.flamesaudit.keys.KeyReference.of(apiKeyEnv, apiKeyAlias);
    }

    /** The judge's retry policy: the default, with this spec's maxAttempts when given. */
    public org.flamesaudit.generation.RetryPolicy retryPolicy() {
        return org.flamesaudit.generation.RetryPolicy.DEFAULT.withMaxAttempts(maxAttempts);
    }

    public int effectiveBatchSize() {
        return batchSize == null ? 16 : batchSize;
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder().add("type", type);
        if (baseUrl != null) b.add("baseUrl", baseUrl);
        if (model != null) b.add("model", model);
        if (apiKeyEnv != null) b.add("apiKeyEnv", apiKeyEnv);
        if (apiKeyAlias != null) b.add("apiKeyAlias", apiKeyAlias);
        if (timeoutSeconds != null) b.add("timeoutSeconds", timeoutSeconds);
        if (maxAttempts != null) b.add("maxAttempts", maxAttempts);
        if (batchSize != null) b.add("batchSize", batchSize);
        if (file != null) b.add("file", file);
        if (heads != null) b.add("heads", heads);
        if (stream != null) b.add("stream", stream);
        if (outputFormat != null) b.add("outputFormat", outputFormat);
        if (seed != null) b.add("seed", seed);
        return b.build();
    }
}
