package org.flamesaudit.gate;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;

/**
 * A run's gate outcome: {@link Verdict#FAIL} when any rule fails, else {@link Verdict#INCONCLUSIVE} when a rule could
 * not be decided (no baseline, a dimension without scored answers, the run's completion withheld), else
 * {@link Verdict#PASS}; with each rule's figures.
 *
 * @param verdict       the gate's verdict
 * @param baselineRunId the baseline compared with, or null
 * @param note          why the gate or its not-worse rules could not be decided, or null
 * @param level         the one-sided level of the not-worse tests
 * @param correction    their multiple-comparison correction
 * @param rules         every rule, not-worse rules first (dimensions in Flames order, then overall), then floors
 */
public record GateResult(Verdict verdict, Long baselineRunId, String note, double level,
                         GateSpec.Correction correction, List<Rule> rules) {

    public enum Verdict { PASS, FAIL, INCONCLUSIVE }

    public enum Kind { NOT_WORSE, FLOOR }

    /**
     * One rule. For NOT_WORSE: {@code baselineRate}, {@code rate}, {@code difference} (rate minus baseline, a
     * fraction), {@code z}, {@code pValue} (one-sided, "worse"), {@code adjustedPValue} (after the correction); FAIL
     * when the adjusted p-value is below the level. For FLOOR: {@code floor} and {@code rate}; FAIL when the rate is
     * below the floor. Figures that do not apply are NaN.
     */
    public record Rule(Kind kind, String scope, Verdict verdict, double baselineRate, double rate, double difference,
                       double z, double pValue, double adjustedPValue, double floor, String note) {
    }

    public JsonObject toJson() {
        JsonArrayBuilder rs = Json.createArrayBuilder();
        for (Rule r : rules) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("rule", r.kind() == Kind.NOT_WORSE ? "not-worse"
                    : "floor").add("scope", r.scope()).add("verdict", r.verdict().name());
            number(b, "baselineRate", r.baselineRate());
            number(b, "rate", r.rate());
            number(b, "difference", r.difference());
            number(b, "z", r.z());
            number(b, "pValue", r.pValue());
            number(b, "adjustedPValue", r.adjustedPValue());
            number(b, "floor", r.floor());
            if (r.note() != null) {
                b.add("note", r.note());
            }
            rs.add(b);
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("verdict", verdict.name()).add("level", level)
                .add("correction", correction.label()).add("rules", rs);
        if (baselineRunId != null) {
            b.add("baselineRunId", baselineRunId);
        }
        if (note != null) {
            b.add("note", note);
        }
        return b.build();
    }

    /** Reads what {@link #toJson} wrote (absent figures as NaN). */
    public static GateResult fromJson(JsonObject o) {
        List<Rule> rules = o.getJsonArray("rules").getValuesAs(JsonObject.class).stream().map(r -> new Rule(
                "not-worse".equals(r.getString("rule")) ? Kind.NOT_WORSE : Kind.FLOOR, r.getString("scope"),
                Verdict.valueOf(r.getString("verdict")), num(r, "baselineRate"), num(r, "rate"), num(r, "difference"),
                num(r, "z"), num(r, "pValue"), num(r, "adjustedPValue"), num(r, "floor"),
                r.getString("note", null))).toList();
        return new GateResult(Verdict.valueOf(o.getString("verdict")), o.containsKey("baselineRunId")
                ? o.getJsonNumber("baselineRunId").longValue() : null, o.getString("note", null),
                o.getJsonNumber("level").doubleValue(), GateSpec.Correction.valueOf(o.getString("correction")
                .toUpperCase(java.util.Locale.ROOT)), rules);
    }

    private static double num(JsonObject o, String name) {
        return o.containsKey(name) ? o.getJsonNumber(name).doubleValue() : Double.NaN;
    }

    private static void number(JsonObjectBuilder b, String name, double v) {
        if (Double.isFinite(v)) {
            b.add(name, v);
        }
    }
}
