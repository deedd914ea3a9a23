package org.flamesaudit.bundle;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.metrics.MetricsJson;
import org.flamesaudit.scoring.ItemVerdict;
import org.flamesaudit.scoring.RunItem;
import org.flamesaudit.scoring.ScoreStatus;
import org.flamesaudit.support.Jsons;

import java.util.List;

/**
 * The reproduction bundle's format, {@value #FORMAT}: a zip of
 * <ul>
 *   <li>{@value #MANIFEST}: {@code format}, {@code runId}, {@code reportId}, {@code createdAt}, {@code createdBy},
 *       {@code software}, and {@code files}: each other file's {@code path}, {@code bytes} and {@code sha256}, and for
 *       {@value #ITEMS} also {@code lineSha256}, the SHA-256 of each line (without its line feed), so a changed line
 *       is named;</li>
 *   <li>{@value #SIGNATURE}: a detached CMS signature of the manifest's bytes with the organisation's report-signing
 *       key (absent where reports are not signed);</li>
 *   <li>{@value #RUN}: the run as its report's header states it (dataset, scorer, configuration without secrets,
 *       blocked-answer policy, scope);</li>
 *   <li>{@value #ITEMS}: one JSON object per answer in line order: its prompt, answer and outcome, the scorer's
 *       verdict and rationale, the review, and the fields the metrics count ({@link #item});</li>
 *   <li>{@value #METRICS}: the run's metrics as {@code GET /api/runs/{id}/metrics} gives them;</li>
 *   <li>{@value #REVIEWS}: every review of a score, oldest first (line, dimension, the scorer's verdict, the score
 *       before and after, reviewer, time, justification);</li>
 *   <li>{@value #VERDICTS}: for a run with several scorers, each answer's verdict from every one of them and the
 *       one that counts (absent for a single scorer, whose verdicts are in {@value #ITEMS});</li>
 *   <li>{@value #CARD}: the scorer's card (name, whether it is the official Flames scorer, what it is, its
 *       measured agreement);</li>
 *   <li>{@code reports/}: the current PDF and workbook as issued.</li>
 * </ul>
 */
public final class BundleFormat {

    public static final String FORMAT = "flames-audit-bundle/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.p7s";
    public static final String RUN = "run.json";
    public static final String ITEMS = "items.jsonl";
    public static final String METRICS = "metrics.json";
    public static final String REVIEWS = "reviews.jsonl";
    public static final String VERDICTS = "verdicts.jsonl";
    public static final String CARD = "scorer-card.json";

    /** The metrics' parts an import recomputes from the items and must find equal (warnings need the database). */
    public static final List<String> RECOMPUTED = List.of("overall", "dimensions", "subcomponents", "unscorable",
            "reviewed", "failed", "pending");

    private BundleFormat() {
    }

    /** One answer as {@value #ITEMS} writes it. */
    static JsonObject item(RunItem i) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder()
                .add("line", i.getLine())
                .add("dimension", i.getDimension());
        text(b, "subcomponent", i.getSubcomponent());
        b.add("prompt", i.getPrompt());
        text(b, "outcome", i.getOutcome() == null ? null : i.getOutcome().name());
        text(b, "answer", i.getResponse());
        b.add("scorable", i.isScorable());
        text(b, "scoreStatus", i.getScoreStatus() == null ? null : i.getScoreStatus().name());
        number(b, "scorerScore", i.getScorerValue());
        text(b, "scorer", i.getScorerKey());
        text(b, "scorerVersion", i.getScorerVersion());
        text(b, "rationale", i.getRationale());
        number(b, "reviewedScore", i.getReviewedValue());
        text(b, "reviewedBy", i.getReviewedBy());
        number(b, "score", i.getEffectiveValue());
        return b.add("state", i.state().name()).build();
    }

    private static void text(JsonObjectBuilder b, String name, String value) {
        b.add(name, value == null ? JsonValue.NULL : Jsons.JSON.createValue(value));
    }

    private static void number(JsonObjectBuilder b, String name, Integer value) {
        b.add(name, value == null ? JsonValue.NULL : Jsons.JSON.createValue(value));
    }

    /**
     * One parsed line of {@value #ITEMS}: its prompt's line in the prompt file ({@code line}), its own line in
     * {@value #ITEMS} ({@code fileLine}), its texts, what the metrics count, and whose verdict it carries.
     */
    public record Item(int line, long fileLine, String dimension, String prompt, String answer, ItemVerdict verdict,
                       String state, String scorer, String scorerVersion) {
    }

    /**
     * Reads one line of {@value #ITEMS}.
     *
     * @throws BundleException naming the file, the line and the field that is missing or wrong
     */
    static Item parse(JsonObject o, long lineNumber) {
        String where = ITEMS + " line " + lineNumber;
        String dimension = required(o, "dimension", where);
        try {
            org.flamesaudit.dataset.Dimension.requireLabel(dimension);
        } catch (IllegalArgumentException e) {
            throw new BundleException(where + ": field \"dimension\": " + e.getMessage());
        }
        ItemOutcome outcome = constant(ItemOutcome.class, optional(o, "outcome", where), "outcome", where);
        ScoreStatus status = constant(ScoreStatus.class, optional(o, "scoreStatus", where), "scoreStatus", where);
        JsonValue scorable = o.get("scorable");
        if (scorable != JsonValue.TRUE && scorable != JsonValue.FALSE) {
            throw new BundleException(where + ": field \"scorable\" is missing or not true/false");
        }
        ItemVerdict v = new ItemVerdict(dimension, optional(o, "subcomponent", where), outcome,
                scorable == JsonValue.TRUE, status, integer(o, "reviewedScore", where), integer(o, "score", where),
                integer(o, "scorerScore", where));
        String state = required(o, "state", where);
        if (!v.state().name().equals(state)) {
            throw new BundleException(where + ": field \"state\" is " + state + " but the item's outcome, score "
                    + "status and review make it " + v.state());
        }
        Integer line = integer(o, "line", where);
        if (line == null) {
            throw new BundleException(where + ": field \"line\" is missing");
        }
        return new Item(line, lineNumber, dimension, required(o, "prompt", where), optional(o, "answer", where), v,
                state, optional(o, "scorer", where), optional(o, "scorerVersion", where));
    }

    private static String required(JsonObject o, String name, String where) {
        String v = optional(o, name, where);
        if (v == null) {
            throw new BundleException(where + ": field \"" + name + "\" is missing");
        }
        return v;
    }

    /** A text field: null when absent or JSON null. */
    private static String optional(JsonObject o, String name, String where) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof jakarta.json.JsonString s)) {
            throw new BundleException(where + ": field \"" + name + "\" is not a string");
        }
        return s.getString();
    }

    private static Integer integer(JsonObject o, String name, String where) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof jakarta.json.JsonNumber n) || !n.isIntegral()) {
            throw new BundleException(where + ": field \"" + name + "\" is not a whole number");
        }
        return n.intValue();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value, String name, String where) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new BundleException(where + ": field \"" + name + "\" is " + value + ", not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** The parts of a metrics JSON an import compares ({@link #RECOMPUTED}). */
    static JsonObject recomputedParts(JsonObject metrics) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder();
        for (String k : RECOMPUTED) {
            if (metrics.containsKey(k)) {
                b.add(k, metrics.get(k));
            }
        }
        return b.build();
    }

    /** {@link #recomputedParts} of a result computed here. */
    static JsonObject recomputedParts(org.flamesaudit.metrics.FlamesMetrics.Result r) {
        return recomputedParts(MetricsJson.toJson(r));
    }
}
