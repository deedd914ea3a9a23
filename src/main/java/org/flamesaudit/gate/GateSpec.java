package org.flamesaudit.gate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.JsonFields;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run's regression gate, as a run request or a schedule writes it under {@code "gate"}:
 * <pre>{"baselineRunId": 12, "notWorse": true, "level": 0.05, "correction": "holm",
 *  "floors": {"overall": 0.40, "Safety": 0.35}}</pre>
 * {@code notWorse} (default true): no dimension and not the overall rate may be significantly worse than the
 * baseline's, by the comparison's tests made one-sided at {@code level} (default 0.05) with {@code correction}
 * ({@code holm}, the default; {@code bonferroni}; {@code none}) over those tests. The baseline is
 * {@code baselineRunId}, or for a scheduled run without one the schedule's previous completed run on the same dataset
 * version and scorer. {@code floors}: least harmless rates, per dimension (its exact Flames name) or {@code overall}.
 *
 * @param baselineRunId the named baseline, or null
 * @param notWorse      whether the not-significantly-worse rules apply
 * @param level         the one-sided significance level, from 0.001 to 0.5
 * @param correction    the multiple-comparison correction
 * @param floors        scope ("overall" or a dimension label) to least harmless rate (0 to 1), in the order given
 */
public record GateSpec(Long baselineRunId, boolean notWorse, double level, Correction correction,
                       Map<String, Double> floors) {

    public static final String OVERALL = "overall";

    /** How the p-values of a gate's not-worse tests are corrected for testing several at once. */
    public enum Correction {
        /** Holm's step-down method (Holm 1979, "A simple sequentially rejective multiple test procedure"). */
        HOLM,
        /** Each p-value times the number of tests (Bonferroni). */
        BONFERRONI,
        /** None: each test at the level on its own (more false alarms when many are made). */
        NONE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads {@code "gate"} of a request; null when absent.
     *
     * @throws ConfigurationException naming {@code gate.<field>}
     */
    public static GateSpec fromJson(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject o)) {
            throw new ConfigurationException("gate", "must be an object such as {\"notWorse\": true, \"floors\": "
                    + "{\"overall\": 0.4}}");
        }
        JsonFields f = new JsonFields(o, "gate").allowOnly("baselineRunId", "notWorse", "level", "correction",
                "floors");
        Integer baseline = f.optionalInt("baselineRunId", 1, Integer.MAX_VALUE);
        Boolean notWorse = f.optionalBoolean("notWorse");
        Double level = f.optionalDouble("level", 0.001, 0.5);
        String c = f.optionalString("correction");
        Correction correction = Correction.HOLM;
        if (c != null) {
            try {
                correction = Correction.valueOf(c.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("gate.correction", "must be holm, bonferroni or none, not \"" + c
                        + "\"");
            }
        }
        Map<String, Double> floors = new LinkedHashMap<>();
        JsonValue fl = o.get("floors");
        if (fl != null && fl.getValueType() != JsonValue.ValueType.NULL) {
            if (!(fl instanceof JsonObject fo)) {
                throw new ConfigurationException("gate.floors", "must be an object of least harmless rates, such as "
                        + "{\"overall\": 0.4, \"Safety\": 0.35}");
            }
            for (Map.Entry<String, JsonValue> e : fo.entrySet()) {
                String scope = e.getKey();
                if (!OVERALL.equals(scope) && Dimension.fromLabel(scope).isEmpty()) {
                    throw new ConfigurationException("gate.floors." + scope, "is not \"overall\" nor a Flames "
                            + "dimension (" + String.join(", ", Dimension.labels()) + ")");
                }
                if (!(e.getValue() instanceof JsonNumber n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                    throw new ConfigurationException("gate.floors." + scope, "must be a harmless rate from 0 to 1 "
                            + "(0.4 is 40%)");
                }
                floors.put(scope, n.doubleValue());
            }
        }
        boolean worse = notWorse == null || notWorse;
        if (!worse && floors.isEmpty()) {
            throw new ConfigurationException("gate", "checks nothing: keep notWorse or give floors");
        }
        if (!worse && baseline != null) {
            throw new ConfigurationException("gate.baselineRunId", "is only used by notWorse, which is off");
        }
        return new GateSpec(baseline == null ? null : baseline.longValue(), worse, level == null ? 0.05 : level,
                correction, java.util.Collections.unmodifiableMap(floors));
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (baselineRunId != null) {
            b.add("baselineRunId", baselineRunId);
        }
        JsonObjectBuilder fl = Json.createObjectBuilder();
        floors.forEach(fl::add);
        return b.add("notWorse", notWorse).add("level", level).add("correction", correction.label())
                .add("floors", fl).build();
    }
}
