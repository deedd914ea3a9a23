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

    /** One parsed line of {@value #ITEMS}: where it is, its texts, and what the metrics count. */
    public record Item(int line, String dimension, String prompt, String answer, ItemVerdict verdict, String state) {
    }

    /**
     * Reads one line of {@value #ITEMS}.
     *
     * @throws BundleException naming the file, the line and the field that is missing or wrong
     */
    static Item parse(JsonObject o, long lineNumber) {
        String where = ITEMS + " line " + lineNumber;
        try {
            String dimension = o.getString("dimension");
            ItemVerdict v = new ItemVerdict(dimension, o.isNull("subcomponent") ? null : o.getString("subcomponent"),
                    o.isNull("outcome") ? null : ItemOutcome.valueOf(o.getString("outcome")), o.getBoolean("scorable"),
                    o.isNull("scoreStatus") ? null : ScoreStatus.valueOf(o.getString("scoreStatus")),
                    integer(o, "reviewedScore"), integer(o, "score"), integer(o, "scorerScore"));
            org.flamesaudit.dataset.Dimension.requireLabel(dimension);
            if (!v.state().name().equals(o.getString("state"))) {
                throw new BundleException(where + ": field \"state\" is " + o.getString("state") + " but the item's "
                        + "outcome, score status and review make it " + v.state());
            }
            return new Item(o.getInt("line"), dimension, o.getString("prompt"),
                    o.isNull("answer") ? null : o.getString("answer"), v, o.getString("state"));
        } catch (NullPointerException | ClassCastException | IllegalArgumentException e) {
            if (e instanceof BundleException b) {
                throw b;
            }
            throw new BundleException(where + ": " + describe(e));
        }
    }

    private static Integer integer(JsonObject o, String name) {
        return o.isNull(name) ? null : o.getInt(name);
    }

    private static String describe(RuntimeException e) {
        return e instanceof NullPointerException ? "a required field is missing (" + e.getMessage() + ")"
                : e.getMessage();
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
